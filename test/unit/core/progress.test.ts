import { describe, expect, it } from 'vitest';
import { SERVICE_PRIOR, batchProgress, jobProgress, learnService, serviceProgress, stageWeights } from '../../../src-main/core/progress';

describe('honest progress', () => {
  it('weights stages by the file: a long file spends more of its bar at the service than a short one', () => {
    const short = stageWeights(30_000, SERVICE_PRIOR);
    const long = stageWeights(2 * 3600_000, SERVICE_PRIOR);
    const atSubmitShort = jobProgress('submitted', 100, short);
    const atSubmitLong = jobProgress('submitted', 100, long);
    expect(atSubmitShort).not.toBe(atSubmitLong);
    expect(jobProgress('transcribing', 50, long)).toBeGreaterThan(atSubmitLong);
    expect(jobProgress('done', 0, long)).toBe(100);
  });

  it('learns queue wait and speed from finished jobs, starting from the prior', () => {
    let s = SERVICE_PRIOR;
    for (let i = 0; i < 5; i++) s = learnService(s, { audioMs: 600_000, submittedAt: 0, runningAt: 5_000, endedAt: 8_000 });
    expect(s.samples).toBe(5);
    expect(s.queueMs).toBeLessThan(15_000);
    expect(s.speed).toBeGreaterThan(150);
  });

  it('gives an ETA that falls while the service works and never reaches zero on an overrun', () => {
    const stats = { queueMs: 20_000, speed: 200, samples: 3 };
    const at = (now: number, status = 'PENDING', runningAt: number | null = null) => serviceProgress(stats, { status, submittedAt: 0, runningAt, now, audioMs: 600_000 });
    const a = at(1_000);
    const b = at(10_000);
    const c = at(21_000, 'RUNNING', 20_000);
    expect(b.etaSeconds).toBeLessThan(a.etaSeconds);
    expect(c.etaSeconds).toBeLessThan(b.etaSeconds);
    expect(b.percent).toBeGreaterThan(a.percent);
    const late = at(120_000);
    expect(late.etaSeconds).toBeGreaterThan(0);
    expect(late.percent).toBeLessThan(100);
  });

  it('totals a batch by duration and leaves canceled jobs out', () => {
    const b = batchProgress([
      { stage: 'done', progress: 100, durationMs: 3600_000 },
      { stage: 'transcribing', progress: 0, durationMs: 60_000, etaSeconds: 30 },
      { stage: 'canceled', progress: 10, durationMs: 3600_000 },
    ]);
    expect(b.counted).toBe(2);
    expect(b.percent).toBeGreaterThan(95);
    expect(b.etaSeconds).toBe(30);
  });
});

import { describe, expect, it } from 'vitest';
import { batchCost, formatCost } from '../../../src-main/shared/cost';

const cny = (amount: number) => ({ currency: 'CNY', amount });

describe('batchCost', () => {
  it('adds billed work at the billed seconds and estimates for work to come; canceled and unbilled failures count nothing', () => {
    const c = batchCost([
      { stage: 'done', estimate: cny(0.6), billedSeconds: 50, durationMs: 60_000 }, // billed 50 of 60 s
      { stage: 'transcribing', estimate: cny(0.3) },
      { stage: 'failed', estimate: cny(5) }, // refused or download failed: not billed
      { stage: 'canceled', estimate: cny(7) },
    ]);
    expect(c?.billed).toBe(false);
    expect(c?.total.amount).toBeCloseTo(0.5 + 0.3, 10);
  });

  it('says billed once every counted job has its bill, a failure the service billed included', () => {
    const c = batchCost([
      { stage: 'done', estimate: cny(0.6), billedSeconds: 60, durationMs: 60_000 },
      { stage: 'failed', estimate: cny(0.2), billedSeconds: 20, durationMs: 20_000 }, // billed, then the result expired
      { stage: 'failed', estimate: cny(9) },
    ]);
    expect(c).toEqual({ total: cny(0.8), billed: true });
    expect(formatCost(c!.total)).toBe('CNY 0.8000');
  });

  it('shows a small amount with enough digits to be more than zero, and nothing as 0.00', () => {
    expect(formatCost(cny(0.00154))).toBe('CNY 0.00154');
    expect(formatCost(cny(0))).toBe('CNY 0.00');
    expect(formatCost(batchCost([{ stage: 'failed', estimate: cny(3) }])!.total)).toBe('CNY 0.00');
  });

  it('counts what a canceled job was billed, and keeps a maybe-billed failure as an estimate', () => {
    const c = batchCost([
      { stage: 'canceled', estimate: cny(0.6), billedSeconds: 60, durationMs: 60_000 }, // canceled while fetching: billed
      { stage: 'failed', estimate: cny(0.2), error: { code: 'QUICK_ANSWER_LOST' } }, // maybe billed
      { stage: 'failed', estimate: cny(0.3), taskId: 't1', error: { code: 'SERVICE_AUTH' } }, // its task runs on
      { stage: 'failed', estimate: cny(5), taskId: 't2', error: { code: 'SERVICE_INVALID_FILE' } }, // the task failed: not billed
    ]);
    expect(c?.billed).toBe(false);
    expect(c?.total.amount).toBeCloseTo(1.1, 10);
  });

  it('has nothing to say without estimates', () => {
    expect(batchCost([{ stage: 'queued' }])).toBeUndefined();
  });
});

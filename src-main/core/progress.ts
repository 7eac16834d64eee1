import type { JobStage } from '../shared/jobs';

/**
 * Honest progress (issue #10). With the real service most of a job's time is spent waiting in its
 * queue ("usually minutes", funasr-api.md §3.3) and then transcribing "hundreds of times faster than
 * real time". Fixed percentages per stage made every file show the same number whatever its length
 * and left rows at 42 % for minutes; here each stage is weighted by the time it is expected to take
 * for this file, and the service's share is learned from the user's own finished jobs.
 */

/** What the service was seen to do, learned from finished jobs (stored per library). */
export interface ServiceStats {
  /** Typical wait from submit until the task runs, ms. */
  queueMs: number;
  /** Audio milliseconds transcribed per millisecond of processing. */
  speed: number;
  /** Finished jobs the numbers are learned from (0: the prior). */
  samples: number;
}

/** Before any job has finished: a minute in the queue, 100× real time (the docs say "hundreds"). */
export const SERVICE_PRIOR: ServiceStats = { queueMs: 60_000, speed: 100, samples: 0 };

/** Local work, measured on this project's reference machine (README "What is measured"). */
const EXTRACT_SPEED = 60; // Opus encode at ~78× real time; copy is faster still
const DELIVER_MS = 2_000; // signing a URL or one upload of a small Opus file
const PROBE_MS = 500;
const FETCH_MS = 1_500;

export interface ServiceObservation {
  audioMs: number;
  submittedAt: number;
  /** When the task was first seen RUNNING (null if it went from PENDING straight to the end). */
  runningAt: number | null;
  endedAt: number;
}

/**
 * Folds one finished job into the stats: an exponential moving average that starts as a plain mean
 * (so the first job replaces most of the prior) and then weighs the recent past at 20 %.
 */
export function learnService(stats: ServiceStats, o: ServiceObservation): ServiceStats {
  const total = Math.max(0, o.endedAt - o.submittedAt);
  if (!Number.isFinite(total) || o.audioMs <= 0) return stats;
  // Without a RUNNING sighting, split the time by the current belief about the queue.
  const running = o.runningAt !== null ? Math.max(1, o.endedAt - o.runningAt) : Math.max(1, total - Math.min(total, stats.queueMs));
  const queue = Math.max(0, total - running);
  const speed = Math.min(5_000, Math.max(1, o.audioMs / running));
  const alpha = Math.max(0.2, 1 / (stats.samples + 2));
  return {
    queueMs: Math.round(stats.queueMs + alpha * (queue - stats.queueMs)),
    speed: stats.speed + alpha * (speed - stats.speed),
    samples: stats.samples + 1,
  };
}

/** Expected time the service needs for a file of this length, split into queue and processing. */
export function expectedServiceMs(stats: ServiceStats, audioMs: number): { queueMs: number; processMs: number } {
  return { queueMs: stats.queueMs, processMs: Math.max(1_000, audioMs / stats.speed) };
}

export interface ServicePhase {
  status: string;
  submittedAt: number;
  runningAt: number | null;
  now: number;
  audioMs: number;
}

/**
 * Progress through the service phase (0–100) and the seconds left. When a task takes longer than
 * expected the estimate never reaches 0 s or 100 %: the remaining time becomes a share of the time
 * already spent, so the bar slows down instead of freezing at a false "almost done".
 */
export function serviceProgress(stats: ServiceStats, p: ServicePhase): { percent: number; etaSeconds: number } {
  const { queueMs, processMs } = expectedServiceMs(stats, p.audioMs);
  const expected = queueMs + processMs;
  const elapsed = Math.max(0, p.now - p.submittedAt);
  let remaining: number;
  if (p.status === 'RUNNING' && p.runningAt !== null) {
    const runFor = Math.max(0, p.now - p.runningAt);
    remaining = processMs - runFor;
    if (remaining < processMs * 0.1) remaining = Math.max(processMs * 0.1, runFor * 0.25);
  } else {
    remaining = expected - elapsed;
    if (remaining < processMs) remaining = Math.max(processMs, elapsed * 0.25);
  }
  const percent = Math.min(97, (elapsed / (elapsed + remaining)) * 100);
  return { percent: Math.round(percent * 10) / 10, etaSeconds: Math.max(1, Math.ceil(remaining / 1000)) };
}

const ORDER: JobStage[] = ['queued', 'probing', 'extracting', 'delivering', 'submitted', 'transcribing', 'fetching'];

/** Expected milliseconds of each stage for one file: the weights of the overall bar. */
export function stageWeights(audioMs: number, stats: ServiceStats, quick = false): Record<JobStage, number> {
  const svc = expectedServiceMs(stats, audioMs);
  return {
    queued: 0,
    probing: PROBE_MS,
    extracting: Math.max(300, audioMs / EXTRACT_SPEED),
    delivering: quick ? 0 : DELIVER_MS,
    submitted: quick ? 0 : 500,
    // Quick mode streams at roughly real time / 20 with no queue.
    transcribing: quick ? Math.max(1_000, audioMs / 20) : svc.queueMs + svc.processMs,
    fetching: FETCH_MS,
    done: 0, failed: 0, canceled: 0,
  };
}

/** Overall job progress 0–100 from its stage and the progress inside that stage. */
export function jobProgress(stage: JobStage, stagePercent: number, weights: Record<JobStage, number>): number {
  if (stage === 'done') return 100;
  const i = ORDER.indexOf(stage);
  if (i < 0) return 0;
  let before = 0;
  let total = 0;
  for (const [k, s] of ORDER.entries()) {
    const w = weights[s];
    total += w;
    if (k < i) before += w;
  }
  if (total <= 0) return 0;
  const within = (weights[stage] * Math.min(100, Math.max(0, stagePercent))) / 100;
  return Math.min(99.9, Math.round(((before + within) / total) * 1000) / 10);
}

/** Seconds left for the stages after the current one (added to the current stage's own ETA). */
export function remainingAfter(stage: JobStage, weights: Record<JobStage, number>): number {
  const i = ORDER.indexOf(stage);
  if (i < 0) return 0;
  let ms = 0;
  for (const s of ORDER.slice(i + 1)) ms += weights[s];
  return Math.round(ms / 1000);
}

export { batchProgress, type BatchItem } from '../shared/progress';

import type { JobStage } from './jobs';

export interface BatchItem {
  stage: JobStage;
  progress: number;
  durationMs?: number | undefined;
  etaSeconds?: number | undefined;
}

/**
 * The batch total, weighted by duration: one 2-hour lecture counts for more than ten 1-minute clips.
 * Canceled jobs are left out; failed ones count as finished (nothing more will happen to them).
 */
export function batchProgress(items: readonly BatchItem[]): { percent: number; etaSeconds: number | undefined; counted: number } {
  let weight = 0;
  let done = 0;
  let eta: number | undefined;
  let counted = 0;
  for (const j of items) {
    if (j.stage === 'canceled') continue;
    counted++;
    const w = Math.max(1_000, j.durationMs ?? 60_000);
    weight += w;
    done += (j.stage === 'failed' ? 100 : j.progress) * w;
    // Jobs run in parallel: the batch ends when its slowest job does.
    if (j.etaSeconds !== undefined && j.stage !== 'done' && j.stage !== 'failed') eta = Math.max(eta ?? 0, j.etaSeconds);
  }
  return { percent: weight ? Math.round((done / weight) * 10) / 10 : 0, etaSeconds: eta, counted };
}

export interface Cost {
  currency: string;
  amount: number;
}

/** Small amounts keep enough digits to be more than zero: a 7 s clip costs CNY 0.00154; nothing is CNY 0.00. */
export function formatCost(c: Cost): string {
  const digits = c.amount === 0 ? 2 : c.amount < 0.01 ? 5 : c.amount < 1 ? 4 : 2;
  return `${c.currency} ${c.amount.toFixed(digits)}`;
}

/** What batchCost reads of a job. */
export interface CostedJob {
  stage: string;
  estimate?: Cost | undefined;
  billedSeconds?: number | undefined;
  durationMs?: number | undefined;
  taskId?: string | undefined;
  error?: { code: string } | undefined;
}

/** Failures whose task ended failed at the service (a failed task is not billed). */
const TASK_NOT_BILLED = new Set(['SERVICE_INVALID_FILE', 'URL_DOWNLOAD_FAILED', 'SERVICE_TASK_FAILED']);

/** Billed (seconds known), not billed, or unknown (a task may run on, or a quick call was cut off). */
function billing(j: CostedJob): 'billed' | 'none' | 'unknown' | 'pending' {
  if (j.billedSeconds !== undefined) return 'billed';
  if (j.stage === 'canceled') return 'none';
  if (j.stage !== 'failed') return 'pending';
  if (j.error?.code === 'QUICK_ANSWER_LOST') return 'unknown';
  if (!j.taskId || TASK_NOT_BILLED.has(j.error?.code ?? '')) return 'none';
  return 'unknown';
}

/**
 * A batch's cost: what the service billed (billed seconds at the estimate's rate), plus the
 * estimate of work still to come and of failures that may have been billed (a task that runs on
 * after the job failed, a quick call cut off). Canceled jobs count what was billed before the
 * cancel; refused files and failed tasks count nothing. `billed` says every counted job's bill is
 * known, so the total is what was billed, not an estimate.
 */
export function batchCost(jobs: readonly CostedJob[]): { total: Cost; billed: boolean } | undefined {
  const counted = jobs.filter((j) => j.estimate && billing(j) !== 'none');
  const currency = (counted[0]?.estimate ?? jobs.find((j) => j.estimate)?.estimate)?.currency;
  if (!currency) return undefined;
  let amount = 0;
  for (const j of counted) {
    const est = (j.estimate as Cost).amount;
    amount += j.billedSeconds === undefined ? est : j.durationMs ? (est * j.billedSeconds * 1000) / j.durationMs : est;
  }
  return { total: { currency, amount }, billed: counted.every((j) => billing(j) === 'billed') };
}

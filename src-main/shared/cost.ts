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
}

/**
 * A batch's cost: what the service billed for finished work (its billed seconds at the estimate's
 * rate), plus the estimate of work still to come. Canceled jobs and failed jobs the service did not
 * bill (no billed seconds: refused files, failed downloads — "not billed") count nothing. `billed`
 * says every counted job's bill is known, so the total is what was billed, not an estimate.
 */
export function batchCost(jobs: readonly CostedJob[]): { total: Cost; billed: boolean } | undefined {
  const counted = jobs.filter((j) => j.estimate && j.stage !== 'canceled' && !(j.stage === 'failed' && j.billedSeconds === undefined));
  const currency = (counted[0]?.estimate ?? jobs.find((j) => j.estimate)?.estimate)?.currency;
  if (!currency) return undefined;
  let amount = 0;
  for (const j of counted) {
    const est = (j.estimate as Cost).amount;
    amount += j.billedSeconds === undefined ? est : j.durationMs ? (est * j.billedSeconds * 1000) / j.durationMs : est;
  }
  return { total: { currency, amount }, billed: counted.every((j) => j.billedSeconds !== undefined) };
}

/**
 * Poll and retry timing, pure so the job runner can be driven by a fake clock.
 * Poll: 1 s, doubling every 3 polls, capped at 5 s, as the official SDK's wait() does
 * (funasr-api.md §3.3); a queued (PENDING) task is polled at the cap since queueing takes minutes.
 */
export function pollDelayMs(pollCount: number, status: 'PENDING' | 'RUNNING' | string): number {
  if (status === 'PENDING' && pollCount > 3) return 5000;
  return Math.min(5000, 1000 * 2 ** Math.floor(pollCount / 3));
}

/** Exponential backoff with full jitter: retry n waits a random time up to base·2^n, capped. */
export function retryDelayMs(attempt: number, random: () => number, baseMs = 1000, capMs = 30_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

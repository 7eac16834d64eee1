/**
 * The counting window, with a 10% margin: requests leave evenly spaced but arrive with jitter, and
 * the service must never see 11 in its own one-second window.
 */
export const RATE_WINDOW_MS = 1100;

/**
 * At most `limit` starts in any `windowMs`, shared by every job: the service counts requests per
 * account (funasr-api.md §5.4: 10 submits/s, 20 queries/s), so one limiter per kind, not per job.
 */
export class RateLimiter {
  private readonly starts: number[] = [];
  private chain: Promise<void> = Promise.resolve();

  constructor(
    readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {
    if (!(limit > 0)) throw new Error('rate limit must be positive');
  }

  /** Resolves when the caller may send; callers are served in arrival order. */
  take(): Promise<void> {
    const turn = this.chain.then(() => this.waitForSlot());
    this.chain = turn.catch(() => undefined);
    return turn;
  }

  private async waitForSlot(): Promise<void> {
    for (;;) {
      const t = this.now();
      while (this.starts.length && (this.starts[0] as number) <= t - this.windowMs) this.starts.shift();
      if (this.starts.length < this.limit) {
        this.starts.push(t);
        return;
      }
      await this.sleep((this.starts[0] as number) + this.windowMs - t + 1);
    }
  }
}

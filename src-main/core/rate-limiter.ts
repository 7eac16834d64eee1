/**
 * The counting window. Each request counts from its answer (RateLimiter slots are settled then),
 * which is never before the service counted it, so the (N+1)th request leaves a whole window after
 * the service saw the first: no jitter on the way can put 11 in its one-second window. The 5%
 * only covers the service measuring its second a little differently (bucket edges, clock rate).
 */
export const RATE_WINDOW_MS = 1050;

/**
 * At most `limit` starts in any `windowMs`, shared by every job: the service counts requests per
 * account (funasr-api.md §5.4: 10 submits/s, 20 queries/s), so one limiter per kind, not per job.
 */
export class RateLimiter {
  private readonly starts: { at: number }[] = [];
  private chain: Promise<void> = Promise.resolve();

  constructor(
    readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {
    if (!(limit > 0)) throw new Error('rate limit must be positive');
  }

  /**
   * Resolves when the caller may send; callers are served in arrival order. Settle the slot when
   * the answer (or the failure) comes: the request then counts from that moment, which is never
   * before the service counted it, so a burst delayed on its way (a loaded machine, a slow
   * network) cannot land in the service's window together with the next one.
   */
  take(): Promise<RateSlot> {
    const turn = this.chain.then(() => this.waitForSlot());
    this.chain = turn.then(() => undefined, () => undefined);
    return turn;
  }

  private async waitForSlot(): Promise<RateSlot> {
    for (;;) {
      const t = this.now();
      while (this.starts.length && (this.starts[0] as { at: number }).at <= t - this.windowMs) this.starts.shift();
      if (this.starts.length < this.limit) {
        const entry = { at: t };
        this.starts.push(entry);
        return {
          settle: () => {
            entry.at = Math.max(entry.at, this.now());
            this.starts.sort((a, b) => a.at - b.at);
          },
        };
      }
      await this.sleep((this.starts[0] as { at: number }).at + this.windowMs - t + 1);
    }
  }
}

/** One request's place in a RateLimiter's window. */
export interface RateSlot {
  /** The answer (or the failure) came: the request counts from now. */
  settle(): void;
}

/** One request's place in a TokenRateLimiter's window: corrected when the answer shows what it cost. */
export interface RateLease {
  /** The answer came: the request counts from now (its arrival at the service was earlier) with the tokens billed. */
  settle(tokens: number): void;
}

/**
 * Requests and tokens per window, shared by every translation job of a model (qwen-mt-api.md §6:
 * limits are per account and model). Requests leave evenly spaced (the per-second reading of the
 * limit); a request waits until the tokens of the window plus its estimate fit the budget. Each
 * entry counts from the moment its answer arrived, which is never before the service counted it,
 * so our window always covers the service's; the margin absorbs clock and network jitter.
 */
export class TokenRateLimiter {
  private readonly ledger: { at: number; tokens: number }[] = [];
  private lastStart = -Infinity;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly limits: () => { requests: number; tokens: number },
    private readonly windowMs: number,
    private readonly now: () => number,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {}

  private get span(): number {
    return Math.round(this.windowMs * 1.05) + 100;
  }

  /** Resolves when a request estimated at `tokens` may be sent; callers are served in arrival order. */
  take(tokens: number): Promise<RateLease> {
    const turn = this.chain.then(() => this.waitFor(tokens));
    this.chain = turn.then(() => undefined, () => undefined);
    return turn;
  }

  /**
   * Even spacing with a margin: a request's way to the service varies by tens of milliseconds (a
   * new connection), so 100 ms more (a tenth of the interval at most, for scaled-down windows).
   */
  private spacing(): number {
    const interval = (this.windowMs * 1.05) / Math.max(1, this.limits().requests);
    return Math.ceil(interval + Math.min(100, interval / 10));
  }

  private async waitFor(tokens: number): Promise<RateLease> {
    for (;;) {
      const { requests, tokens: budget } = this.limits();
      const t = this.now();
      while (this.ledger.length && (this.ledger[0] as { at: number }).at <= t - this.span) this.ledger.shift();
      const used = this.ledger.reduce((n, e) => n + e.tokens, 0);
      const spacedAt = this.lastStart + this.spacing();
      const countOk = this.ledger.length < Math.max(1, requests);
      // A request larger than the whole budget goes alone, once the window is empty.
      const tokensOk = used + tokens <= budget || (this.ledger.length === 0 && tokens > budget);
      if (t >= spacedAt && countOk && tokensOk) {
        const entry = { at: t, tokens };
        this.ledger.push(entry);
        this.lastStart = t;
        return {
          settle: (actual: number) => {
            entry.at = Math.max(entry.at, this.now());
            entry.tokens = actual;
            this.ledger.sort((a, b) => a.at - b.at);
          },
        };
      }
      let wait = Math.max(1, spacedAt - t);
      if (!countOk || !tokensOk) {
        // The first entry whose leaving makes room.
        let freed = used;
        let idx = 0;
        for (const e of this.ledger) {
          freed -= e.tokens;
          idx++;
          if (idx > this.ledger.length - Math.max(1, requests) && (freed + tokens <= budget || idx === this.ledger.length)) {
            wait = Math.max(wait, e.at + this.span - t + 1);
            break;
          }
        }
      }
      await this.sleep(wait);
    }
  }
}

/**
 * The least time the limits allow for `requests` requests carrying `tokens` tokens in all: the
 * floor a translation's throughput is measured against (bench) and its ETA starts from. Requests
 * are spaced evenly (the per-second reading, §6); tokens count in a sliding window, so each further
 * budget's worth can start only a whole window after the previous one.
 */
export function rateFloorMs(requests: number, tokens: number, limits: { requests: number; tokens: number }, windowMs: number): number {
  if (requests <= 0) return 0;
  return Math.max(((requests - 1) * windowMs) / limits.requests, (Math.ceil(tokens / limits.tokens) - 1) * windowMs);
}

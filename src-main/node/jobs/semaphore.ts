/** A slot to wait for and release. */
export interface Gate {
  acquire(signal?: AbortSignal): Promise<() => void>;
}

/**
 * Limits how many jobs run a heavy stage at once (extraction: one per core). `urgent` waiters are
 * served before the others (in their own arrival order): a file further along goes first.
 */
export class Semaphore implements Gate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly urgent: (() => void)[] = [];
  constructor(private readonly size: number) {}

  async acquire(signal?: AbortSignal, urgent = false): Promise<() => void> {
    const queue = urgent ? this.urgent : this.waiting;
    if (this.active < this.size) this.active++;
    else {
      // A releasing holder hands its slot straight to the next waiter, so the count never overshoots.
      await new Promise<void>((resolve, reject) => {
        const go = (): void => {
          signal?.removeEventListener('abort', abort);
          resolve();
        };
        const abort = (): void => {
          const i = queue.indexOf(go);
          if (i >= 0) queue.splice(i, 1);
          reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
        };
        signal?.addEventListener('abort', abort, { once: true });
        queue.push(go);
      });
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.urgent.shift() ?? this.waiting.shift();
      if (next) next();
      else this.active--;
    };
  }
}

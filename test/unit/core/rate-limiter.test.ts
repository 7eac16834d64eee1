import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../../src-main/core/rate-limiter';

/** A clock that only moves when the limiter sleeps: every start time is exact. */
function clock(): { now: () => number; sleep: (ms: number) => Promise<void> } {
  let t = 0;
  return { now: () => t, sleep: async (ms) => void (t += ms) };
}

describe('RateLimiter', () => {
  it('lets `limit` requests start in any window, in arrival order', async () => {
    const c = clock();
    const l = new RateLimiter(3, 1000, c.now, c.sleep);
    const starts: number[] = [];
    for (let i = 0; i < 7; i++) {
      await l.take();
      starts.push(c.now());
    }
    expect(starts).toEqual([0, 0, 0, 1001, 1001, 1001, 2002]);
  });

  it('counts a settled request from its answer, so a slow answer pushes the next window back', async () => {
    const c = clock();
    const l = new RateLimiter(2, 1000, c.now, c.sleep);
    const a = await l.take();
    const b = await l.take();
    await c.sleep(400); // the answers come 400 ms after sending: the service counted them no later
    a.settle();
    b.settle();
    await l.take();
    expect(c.now()).toBe(1401);
  });
});

import { describe, expect, it } from 'vitest';
import { mediaPools } from '../../src-main/node/jobs/pools';

describe('media pools', () => {
  it('share one set of slots, and a waiting extraction goes before waiting probes', async () => {
    const pools = mediaPools(1);
    const order: string[] = [];
    const first = await pools.probe.acquire();
    const wait = (name: string, gate: 'probe' | 'extract', signal?: AbortSignal): Promise<void> =>
      pools[gate].acquire(signal).then((release) => {
        order.push(name);
        release();
      });
    const aborted = new AbortController();
    const done = [wait('probe A', 'probe'), wait('probe B', 'probe'), wait('extract C', 'extract'), wait('extract D', 'extract')];
    const gone = wait('extract E', 'extract', aborted.signal).catch(() => order.push('E aborted'));
    aborted.abort();
    await gone;
    first();
    await Promise.all(done);
    expect(order).toEqual(['E aborted', 'extract C', 'extract D', 'probe A', 'probe B']);
    // Every slot came back: a new holder gets one at once.
    const again = await Promise.race([pools.extract.acquire(), new Promise<null>((r) => setTimeout(() => r(null), 100))]);
    expect(again).toBeTypeOf('function');
  });
});

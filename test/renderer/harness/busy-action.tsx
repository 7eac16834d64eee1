/**
 * Mounts a button driven by useBusyAction (src-renderer/app) for test/renderer/busy-action.test.ts:
 * the work waits until the test calls `finish` (with a message, it fails with it).
 */
import { createRoot } from 'react-dom/client';
import { useBusyAction } from '../../../src-renderer/app/useBusyAction';

interface Probe {
  log: string[];
  finish: (failure?: string) => void;
}
const probe = window as unknown as Probe;
probe.log = [];

function Button() {
  const [busy, run] = useBusyAction((m) => probe.log.push(`notify:${m}`));
  const work = () =>
    run(async () => {
      probe.log.push('start');
      const failure = await new Promise<string | undefined>((resolve) => (probe.finish = resolve));
      if (failure) throw new Error(failure);
      probe.log.push('done');
    });
  return (
    <button disabled={busy} onClick={() => void work()}>
      Re-transcribe
    </button>
  );
}

createRoot(document.getElementById('root') as HTMLElement).render(<Button />);

import { useState } from 'react';

/**
 * An action that takes a while: `busy` while it runs (its control is disabled meanwhile), and a
 * failure told through `notify` with its message.
 */
export function useBusyAction(notify: (m: string) => void): [busy: boolean, run: (work: () => Promise<void>) => Promise<void>] {
  const [busy, setBusy] = useState(false);
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (e) {
      notify((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return [busy, run];
}

import { useState } from 'react';
import { useNotifyError, type Notify } from './errors';

/**
 * An action that takes a while: `busy` while it runs (its control is disabled meanwhile), and a
 * failure told through `notify`, worded in the UI's language.
 */
export function useBusyAction(notify: Notify): [busy: boolean, run: (work: () => Promise<void>) => Promise<void>] {
  const [busy, setBusy] = useState(false);
  const failed = useNotifyError(notify);
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (e) {
      failed(e);
    } finally {
      setBusy(false);
    }
  };
  return [busy, run];
}

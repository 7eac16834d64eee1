/**
 * Mounts a button driven by useBusyAction (src-renderer/app) for test/renderer/busy-action.test.ts,
 * with the app's translations in Chinese: the work waits until the test calls `finish` (with a
 * failure, main's error as the API hands it over, it fails with it).
 */
import { createRoot } from 'react-dom/client';
import type { ApiErrorData } from '@shared/api-codes';
import { ApiError } from '../../../src-renderer/app/api-error';
import { initI18n } from '../../../src-renderer/app/i18n';
import { useBusyAction } from '../../../src-renderer/app/useBusyAction';

interface Probe {
  log: string[];
  finish: (failure?: ApiErrorData) => void;
}
const probe = window as unknown as Probe;
probe.log = [];
initI18n('zh-CN');

function Button() {
  const [busy, run] = useBusyAction((m, detail) => probe.log.push(`notify:${m}`, `detail:${detail}`));
  const work = () =>
    run(async () => {
      probe.log.push('start');
      const failure = await new Promise<ApiErrorData | undefined>((resolve) => (probe.finish = resolve));
      if (failure) throw new ApiError(failure);
      probe.log.push('done');
    });
  return (
    <button disabled={busy} onClick={() => void work()}>
      Re-transcribe
    </button>
  );
}

createRoot(document.getElementById('root') as HTMLElement).render(<Button />);

/**
 * Mounts DeleteButton (src-renderer/components) for test/renderer/delete-button.test.ts, with the
 * app's translations: the deletion and what is told are logged; `fail` makes the deletion fail
 * with that error from main.
 */
import { createRoot } from 'react-dom/client';
import type { ApiErrorData } from '@shared/api-codes';
import { ApiError } from '../../../src-renderer/app/api-error';
import { initI18n } from '../../../src-renderer/app/i18n';
import { DeleteButton } from '../../../src-renderer/components/DeleteButton';

interface Probe {
  log: string[];
  mount: (o: { lang: 'en' | 'zh-CN'; label?: string; fail?: ApiErrorData }) => Promise<void>;
}
const probe = window as unknown as Probe;
const i18n = initI18n('en');
const root = createRoot(document.getElementById('root') as HTMLElement);
let mounts = 0;
probe.mount = async ({ lang, label, fail }) => {
  probe.log = [];
  await i18n.changeLanguage(lang);
  root.render(
    <DeleteButton
      key={++mounts}
      confirm="Delete “Talk”?"
      label={label}
      notify={(m, detail) => probe.log.push(`notify:${m}`, `detail:${detail}`)}
      onDelete={async () => {
        probe.log.push('delete');
        await new Promise((r) => setTimeout(r, 10));
        if (fail) throw new ApiError(fail);
        probe.log.push('deleted');
      }}
    />,
  );
};

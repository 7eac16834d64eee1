/**
 * Mounts DeleteButton (src-renderer/components) for test/renderer/delete-button.test.ts, with the
 * app's translations: the deletion and what is told are logged; `fail` makes the deletion fail.
 */
import { createRoot } from 'react-dom/client';
import { initI18n } from '../../../src-renderer/app/i18n';
import { DeleteButton } from '../../../src-renderer/components/DeleteButton';

interface Probe {
  log: string[];
  mount: (o: { lang: 'en' | 'zh-CN'; label?: string; fail?: string }) => Promise<void>;
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
      notify={(m) => probe.log.push(`notify:${m}`)}
      onDelete={async () => {
        probe.log.push('delete');
        await new Promise((r) => setTimeout(r, 10));
        if (fail) throw new Error(fail);
        probe.log.push('deleted');
      }}
    />,
  );
};

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../app/api';
import { DEFAULT_KEYMAP, mergeKeymap, type Keymap } from './editor/keymap';
import { ShortcutsTable, changedBindings } from './editor/ShortcutsTable';
import { useNotifyError, type Notify } from '../app/errors';

/** Settings ▸ Keyboard shortcuts: the editor's keymap table, changed and saved at once like every other setting. */
export function ShortcutsSection({ notify }: { notify: Notify }) {
  const api = useApi();
  const failed = useNotifyError(notify);
  const { t } = useTranslation();
  const [keymap, setKeymap] = useState<Keymap | null>(null);
  useEffect(() => {
    api.call('editor:keymap:get', {}).then((k) => setKeymap(mergeKeymap(k.bindings)), () => setKeymap(DEFAULT_KEYMAP));
  }, [api]);
  const save = async (next: Keymap) => {
    const before = keymap;
    setKeymap(next);
    try {
      await api.call('editor:keymap:set', { bindings: changedBindings(next) });
      notify(t('keys.saved'));
    } catch (e) {
      setKeymap(before);
      failed(e);
    }
  };
  return (
    <section aria-labelledby="shortcuts-title" id="shortcuts">
      <h2 id="shortcuts-title">{t('keys.title')}</h2>
      <div className="hint">{t('keys.settingsHelp')}</div>
      {keymap ? <ShortcutsTable value={keymap} onChange={(k) => void save(k)} /> : <p className="muted">…</p>}
    </section>
  );
}

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COMMANDS, type Keymap } from './keymap';
import { ShortcutsTable } from './ShortcutsTable';
import { ErrorLine } from '../../components/ErrorLine';

/** The ⌨ panel: every shortcut from the keymap table, and the place to change them (as in Settings). */
export function KeymapDialog({ keymap, onSave, onClose }: { keymap: Keymap; onSave: (k: Keymap) => Promise<void>; onClose: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const [draft, setDraft] = useState<Keymap>(keymap);
  const [problem, setProblem] = useState<unknown>(null);
  useEffect(() => ref.current?.showModal(), []);
  const changed = COMMANDS.some((c) => draft[c.id] !== keymap[c.id]);
  return (
    <dialog ref={ref} className="keymap" onClose={onClose} aria-labelledby="keymap-title">
      <h2 id="keymap-title">{t('keys.title')}</h2>
      <p className="muted">{t('keys.help')}</p>
      <ShortcutsTable value={draft} onChange={setDraft} />
      <ErrorLine error={problem} />
      <div className="actions">
        <div className="grow" />
        <button className="btn" onClick={onClose}>
          {t('common.close')}
        </button>
        <button className="btn primary" disabled={!changed} onClick={() => void onSave(draft).then(onClose, setProblem)}>
          {t('common.save')}
        </button>
      </div>
    </dialog>
  );
}

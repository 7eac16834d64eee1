import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COMMANDS, DEFAULT_KEYMAP, comboOf, conflicts, keyLabel, type CommandId, type Keymap } from './keymap';

/**
 * The ⌨ panel: every shortcut from the keymap table, and the place to change them. A new key is
 * recorded by pressing it; a key already used by another command is refused.
 */
export function KeymapDialog({ keymap, onSave, onClose }: { keymap: Keymap; onSave: (k: Keymap) => Promise<void>; onClose: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const [draft, setDraft] = useState<Keymap>(keymap);
  const [recording, setRecording] = useState<CommandId | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => ref.current?.showModal(), []);
  const changed = COMMANDS.some((c) => draft[c.id] !== keymap[c.id]);
  const clash = conflicts(draft);
  return (
    <dialog
      ref={ref}
      className="keymap"
      onClose={onClose}
      aria-labelledby="keymap-title"
      onKeyDown={(e) => {
        if (!recording) return;
        e.preventDefault();
        e.stopPropagation();
        if (e.key === 'Escape') return setRecording(null);
        const combo = comboOf(e.nativeEvent);
        if (!combo) return;
        const other = COMMANDS.find((c) => c.id !== recording && draft[c.id] === combo);
        if (other) setProblem(t('keys.taken', { keys: keyLabel(combo), command: t(`cmd.${other.id}`) }));
        else {
          setProblem(null);
          setDraft({ ...draft, [recording]: combo });
        }
        setRecording(null);
      }}
    >
      <h2 id="keymap-title">{t('keys.title')}</h2>
      <p className="muted">{t('keys.help')}</p>
      <div className="keymap-table" role="table" aria-label={t('keys.title')}>
        {COMMANDS.map((c) => (
          <div role="row" key={c.id} className={clash.has(draft[c.id]) ? 'clash' : undefined}>
            <span role="cell">{t(`cmd.${c.id}`)}</span>
            <span role="cell">
              <kbd data-testid={`keys-${c.id}`}>{recording === c.id ? t('keys.press') : keyLabel(draft[c.id])}</kbd>
            </span>
            <span role="cell">
              <button className="btn small" aria-label={t('keys.changeFor', { command: t(`cmd.${c.id}`) })} onClick={() => setRecording(c.id)}>
                {t('keys.change')}
              </button>
            </span>
          </div>
        ))}
      </div>
      {problem && (
        <p className="error-text" role="alert">
          {problem}
        </p>
      )}
      <div className="actions">
        <button className="btn" onClick={() => setDraft(DEFAULT_KEYMAP)}>
          {t('keys.reset')}
        </button>
        <div className="grow" />
        <button className="btn" onClick={onClose}>
          {t('common.close')}
        </button>
        <button
          className="btn primary"
          disabled={!changed || clash.size > 0}
          onClick={() => {
            void onSave(draft).then(onClose, (e: Error) => setProblem(e.message));
          }}
        >
          {t('common.save')}
        </button>
      </div>
    </dialog>
  );
}

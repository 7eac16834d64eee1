import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COMMANDS, DEFAULT_KEYMAP, comboOf, conflicts, keyLabel, type CommandId, type Keymap } from './keymap';

/**
 * Every shortcut of the keymap table, as the ⌨ panel and the Settings page show it: Change records
 * the next key combination pressed (Escape or Tab gives up), a combination another command uses is
 * refused with its name, and each row (or all) can go back to the default.
 */
export function ShortcutsTable({ value, onChange }: { value: Keymap; onChange: (k: Keymap) => void }) {
  const { t } = useTranslation();
  const [recording, setRecording] = useState<CommandId | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const clash = conflicts(value);
  const change = (id: CommandId, keys: string) => {
    const other = COMMANDS.find((c) => c.id !== id && value[c.id] === keys);
    if (other) return setProblem(t('keys.taken', { keys: keyLabel(keys), command: t(`cmd.${other.id}`) }));
    setProblem(null);
    if (value[id] !== keys) onChange({ ...value, [id]: keys });
  };
  return (
    <div
      className="shortcuts"
      onKeyDown={(e) => {
        if (!recording) return;
        if (e.key === 'Tab') return setRecording(null);
        e.preventDefault();
        e.stopPropagation();
        if (e.key === 'Escape') return setRecording(null);
        const combo = comboOf(e.nativeEvent);
        if (!combo) return;
        change(recording, combo);
        setRecording(null);
      }}
    >
      <div className="keymap-table" role="table" aria-label={t('keys.title')}>
        <div role="row" className="head">
          <span role="columnheader">{t('keys.command')}</span>
          <span role="columnheader">{t('keys.keys')}</span>
          <span role="columnheader">
            <span className="sr-only">{t('keys.actions')}</span>
          </span>
        </div>
        {COMMANDS.map((c) => (
          <div role="row" key={c.id} className={clash.has(value[c.id]) ? 'clash' : undefined}>
            <span role="cell">{t(`cmd.${c.id}`)}</span>
            <span role="cell">
              <kbd data-testid={`keys-${c.id}`} className={value[c.id] !== DEFAULT_KEYMAP[c.id] ? 'changed' : undefined}>
                {recording === c.id ? t('keys.press') : keyLabel(value[c.id])}
              </kbd>
            </span>
            <span role="cell" className="row-actions">
              <button className="btn small" aria-label={t('keys.changeFor', { command: t(`cmd.${c.id}`) })} onClick={() => setRecording(c.id)}>
                {t('keys.change')}
              </button>
              <button
                className="btn small"
                disabled={value[c.id] === DEFAULT_KEYMAP[c.id]}
                aria-label={t('keys.resetFor', { command: t(`cmd.${c.id}`) })}
                title={t('keys.resetFor', { command: t(`cmd.${c.id}`) })}
                onClick={() => change(c.id, DEFAULT_KEYMAP[c.id])}
              >
                ↺
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
      <button
        className="btn"
        disabled={COMMANDS.every((c) => value[c.id] === DEFAULT_KEYMAP[c.id])}
        onClick={() => {
          setProblem(null);
          onChange(DEFAULT_KEYMAP);
        }}
      >
        {t('keys.reset')}
      </button>
    </div>
  );
}

/** The bindings to store: only those changed from the defaults. */
export const changedBindings = (k: Keymap): Record<string, string> => Object.fromEntries(Object.entries(k).filter(([c, keys]) => DEFAULT_KEYMAP[c as CommandId] !== keys));

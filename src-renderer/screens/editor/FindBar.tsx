import { forwardRef, useImperativeHandle, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { FindOptions, Match } from '@shared/captions/edit';

export interface FindState {
  query: string;
  replacement: string;
  options: Required<FindOptions>;
}

export interface FindBarHandle {
  focusFind(): void;
  focusReplace(): void;
}

interface Props {
  find: FindState;
  setFind: (f: FindState) => void;
  matches: Match[] | { invalid: true };
  /** Index of the current match in `matches`, or -1. */
  current: number;
  go: (dir: 1 | -1) => void;
  replaceOne: () => void;
  replaceAll: () => void;
}

/** Find and replace: match case, whole word, regex, "n of m", next/previous, replace one or all. */
export const FindBar = forwardRef<FindBarHandle, Props>(function FindBar({ find, setFind, matches, current, go, replaceOne, replaceAll }, ref) {
  const { t } = useTranslation();
  const findBox = useRef<HTMLInputElement>(null);
  const replaceBox = useRef<HTMLInputElement>(null);
  useImperativeHandle(ref, () => ({
    focusFind: () => findBox.current?.select(),
    focusReplace: () => replaceBox.current?.select(),
  }));
  const list = Array.isArray(matches) ? matches : [];
  const error = !Array.isArray(matches);
  const toggle = (k: keyof FindState['options'], label: string, text: string) => (
    <button className={`btn small toggle${find.options[k] ? ' on' : ''}`} aria-pressed={find.options[k]} aria-label={label} title={label} onClick={() => setFind({ ...find, options: { ...find.options, [k]: !find.options[k] } })}>
      {text}
    </button>
  );
  return (
    <div className="find-bar" role="search" aria-label={t('find.title')}>
      <div className="row">
        <input
          ref={findBox}
          type="search"
          placeholder={t('editor.find')}
          aria-label={t('editor.find')}
          aria-invalid={error}
          title={t('editor.findHelp')}
          value={find.query}
          onChange={(e) => setFind({ ...find, query: e.target.value })}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              go(e.shiftKey ? -1 : 1);
            }
          }}
        />
        {toggle('caseSensitive', t('find.matchCase'), 'Aa')}
        {toggle('wholeWord', t('find.wholeWord'), 'ab|')}
        {toggle('regex', t('find.regex'), '.*')}
        <span className={`count${error ? ' error-text' : ''}`} role="status" data-testid="find-count">
          {error ? t('find.badRegex') : find.query ? (!list.length ? t('find.none') : current < 0 ? t('find.count', { count: list.length }) : t('find.nOfM', { n: current + 1, m: list.length })) : ''}
        </span>
        <button className="btn small" aria-label={t('find.prev')} title={`${t('find.prev')} (Shift+F3)`} disabled={!list.length} onClick={() => go(-1)}>
          ↑
        </button>
        <button className="btn small" aria-label={t('find.next')} title={`${t('find.next')} (F3)`} disabled={!list.length} onClick={() => go(1)}>
          ↓
        </button>
      </div>
      <div className="row">
        <input ref={replaceBox} type="text" placeholder={t('editor.replace')} aria-label={t('editor.replace')} value={find.replacement} onChange={(e) => setFind({ ...find, replacement: e.target.value })} />
        <button className="btn small" disabled={current < 0} onClick={replaceOne}>
          {t('find.replaceOne')}
        </button>
        <button className="btn small" disabled={!list.length} onClick={replaceAll}>
          {t('editor.replaceAll')}
        </button>
      </div>
    </div>
  );
});

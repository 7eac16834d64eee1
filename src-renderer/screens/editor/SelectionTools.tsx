import { forwardRef, useImperativeHandle, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StretchTo } from '@shared/captions/stretch';
import type { EditorAction } from './state';
import { parseTypedTime } from './timecode';
import type { Notify } from '../../app/errors';

export interface SelectionToolsHandle {
  focusStretch(): void;
}

/**
 * What a stretch box means: "110%", "×1.1" or "1.1" scale by a factor; a time ("12:41.5",
 * "1:02:03", "1500ms") is the new end of the last selected cue. Null when it is neither.
 */
export function parseStretch(text: string, frameRate: number): StretchTo | null {
  const t = text.trim();
  const pct = /^(\d+(?:[.,]\d+)?)\s*%$/.exec(t);
  if (pct) return { factor: Number((pct[1] as string).replace(',', '.')) / 100 };
  const f = /^[x×*]?\s*(\d+(?:[.,]\d+)?)\s*[x×]?$/i.exec(t);
  if (f && !t.includes(':')) return { factor: Number((f[1] as string).replace(',', '.')) };
  const end = parseTypedTime(t, frameRate);
  return end === null ? null : { endMs: end };
}

interface Props {
  chosen: string[];
  selectedId: string | null;
  frameRate: number;
  dispatch: (a: EditorAction) => void;
  notify: Notify;
}

/** Shift and stretch on the selection (and "shift all from here"), each one undo step. */
export const SelectionTools = forwardRef<SelectionToolsHandle, Props>(function SelectionTools({ chosen, selectedId, frameRate, dispatch, notify }, ref) {
  const { t } = useTranslation();
  const [shiftMs, setShiftMs] = useState('');
  const [stretch, setStretch] = useState('');
  const stretchBox = useRef<HTMLInputElement>(null);
  useImperativeHandle(ref, () => ({ focusStretch: () => stretchBox.current?.select() }), []);
  const to = parseStretch(stretch, frameRate);
  const applyStretch = () => {
    if (!to || !chosen.length) return notify(t('pro.stretchHow'));
    dispatch({ type: 'stretch', ids: chosen, to });
  };
  return (
    <>
      <input type="text" inputMode="numeric" className="shift-ms" placeholder="±ms" aria-label={t('pro.shiftBy')} value={shiftMs} onChange={(e) => setShiftMs(e.target.value)} />
      <button className="btn small" disabled={!chosen.length || !Number(shiftMs)} onClick={() => dispatch({ type: 'shift', deltaMs: Number(shiftMs), ids: chosen })}>
        {t('pro.shiftSelection')}
      </button>
      <button className="btn small" disabled={!selectedId || !Number(shiftMs)} onClick={() => selectedId && dispatch({ type: 'shiftFrom', id: selectedId, deltaMs: Number(shiftMs) })}>
        {t('pro.shiftFromHere')}
      </button>
      <input
        ref={stretchBox}
        type="text"
        className={`stretch-to${stretch && !to ? ' invalid' : ''}`}
        placeholder="110% · 12:41.5"
        aria-label={t('pro.stretchTo')}
        title={t('pro.stretchHelp')}
        aria-invalid={Boolean(stretch && !to)}
        value={stretch}
        onChange={(e) => setStretch(e.target.value)}
        onKeyDown={(e) => {
          if (e.key !== 'Enter') return;
          e.preventDefault();
          applyStretch();
        }}
      />
      <button className="btn small" disabled={chosen.length < 1 || !to} onClick={applyStretch} title={t('pro.stretchHelp')}>
        {t('pro.stretch')}
      </button>
    </>
  );
});

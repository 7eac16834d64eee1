import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { speakerName, type Cue, type Track } from '@shared/captions/model';
import type { QcFinding } from '@shared/captions/qc';
import { joinWords, wordToken } from '@shared/captions/text';
import { cueTime } from '../../app/format';
import type { EditorAction } from './state';

const ROW = 66;
const OVERSCAN = 6;

interface Props {
  track: Track;
  selected: string | null;
  activeIndex: number;
  findings: Map<string, QcFinding[]>;
  dispatch: (a: EditorAction) => void;
  seek: (ms: number) => void;
  editing: string | null;
  setEditing: (id: string | null) => void;
}

/** Only the rows in view are in the DOM, so 15,000 cues scroll and type as fast as 15. */
export function CueList({ track, selected, activeIndex, findings, dispatch, seek, editing, setEditing }: Props) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const [scroll, setScroll] = useState(0);
  const [height, setHeight] = useState(600);
  const cues = track.cues;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // Keep the selected cue in view (it moves with playback and with the keyboard).
  useEffect(() => {
    const el = box.current;
    const k = cues.findIndex((c) => c.id === selected);
    if (!el || k < 0) return;
    const top = k * ROW;
    if (top < el.scrollTop) el.scrollTop = top - ROW;
    else if (top + ROW > el.scrollTop + el.clientHeight) el.scrollTop = top + 2 * ROW - el.clientHeight;
  }, [selected, cues]);

  const first = Math.max(0, Math.floor(scroll / ROW) - OVERSCAN);
  const last = Math.min(cues.length, Math.ceil((scroll + height) / ROW) + OVERSCAN);

  return (
    <div className="cue-list" ref={box} onScroll={(e) => setScroll(e.currentTarget.scrollTop)} role="listbox" aria-label={t('editor.cues', { count: cues.length })} tabIndex={-1}>
      <div style={{ height: cues.length * ROW }} />
      {cues.slice(first, last).map((cue, i) => {
        const k = first + i;
        return (
          <Row
            key={cue.id}
            cue={cue}
            index={k}
            top={k * ROW}
            selected={cue.id === selected}
            active={k === activeIndex}
            speaker={speakerName(track, cue.speaker) ?? null}
            findings={findings.get(cue.id) ?? []}
            editing={editing === cue.id}
            dispatch={dispatch}
            seek={seek}
            setEditing={setEditing}
          />
        );
      })}
    </div>
  );
}

interface RowProps {
  cue: Cue;
  index: number;
  top: number;
  selected: boolean;
  active: boolean;
  speaker: string | null;
  findings: QcFinding[];
  editing: boolean;
  dispatch: (a: EditorAction) => void;
  seek: (ms: number) => void;
  setEditing: (id: string | null) => void;
}

function Row({ cue, index, top, selected, active, speaker, findings, editing, dispatch, seek, setEditing }: RowProps) {
  const { t } = useTranslation();
  const text = cue.lines.join('\n');
  const [draft, setDraft] = useState(text);
  useEffect(() => setDraft(text), [text, editing]);
  const wordsMatch = cue.words.length > 0 && joinWords(cue.words) === cue.lines.join(' ');
  const commit = () => {
    dispatch({ type: 'setText', id: cue.id, text: draft });
    setEditing(null);
  };
  return (
    <div
      className={`cue${selected ? ' selected' : ''}${active ? ' active' : ''}`}
      style={{ top, height: 66 }}
      role="option"
      aria-selected={selected}
      data-testid="cue-row"
      data-cue-id={cue.id}
      onClick={() => {
        dispatch({ type: 'select', id: cue.id });
        if (!editing) seek(cue.start);
      }}
      onDoubleClick={() => setEditing(cue.id)}
    >
      <div className="idx">{index + 1}</div>
      <div className="times">
        {cueTime(cue.start)}
        <br />
        {cueTime(cue.end)}
      </div>
      <div className="text">
        {speaker && <div className="speaker">{speaker}</div>}
        {editing ? (
          <textarea
            autoFocus
            aria-label={`${t('nav.editor')} ${index + 1}`}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onBlur={commit}
            onClick={(e) => e.stopPropagation()}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                setDraft(text);
                setEditing(null);
              } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                const at = e.currentTarget.selectionStart;
                dispatch({ type: 'setText', id: cue.id, text: draft });
                dispatch({ type: 'split', id: cue.id, at: { char: draft.slice(0, at).replace(/\n/g, ' ').length } });
                setEditing(null);
              } else if (e.key === 'Enter' && !e.shiftKey) {
                e.preventDefault();
                commit();
              }
              e.stopPropagation();
            }}
          />
        ) : wordsMatch ? (
          cue.words.map((w, i) => (
            <span key={i} className="word" title={cueTime(w.start)} onClick={(e) => { e.stopPropagation(); dispatch({ type: 'select', id: cue.id }); seek(w.start); }}>
              {wordToken(w)}
              {i < cue.words.length - 1 && /[\u3000-\u9fff\uff00-\uffef]/.test(wordToken(w).slice(-1) + wordToken(cue.words[i + 1] as typeof w)[0]) ? '' : ' '}
            </span>
          ))
        ) : (
          text || <span className="muted">—</span>
        )}
      </div>
      <div className="qc">
        {/\*/.test(text) && (
          <span className="b warning" title={t('editor.maskedHelp')} data-testid="masked">
            {t('editor.masked')}
          </span>
        )}
        {findings.map((f) => (
          <button
            key={f.code}
            className={`b ${f.severity}`}
            title={t(`qcText.${f.code}`, { ...f.params, defaultValue: f.message })}
            aria-label={`${t(`qcText.${f.code}`, { ...f.params, defaultValue: f.message })}${f.fix && f.fix.kind !== 'split' ? ` (${t('editor.clickToFix')})` : ''}`}
            onClick={(e) => {
              e.stopPropagation();
              if (f.fix?.kind === 'split') dispatch({ type: 'split', id: cue.id, at: { word: Math.floor(cue.words.length / 2) } });
              else if (f.fix) dispatch({ type: 'fix', fix: f.fix });
            }}
          >
            {t(`qc.${f.code}`)}
          </button>
        ))}
      </div>
    </div>
  );
}

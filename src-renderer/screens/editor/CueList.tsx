import { memo, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { speakerName, type Cue, type Track } from '@shared/captions/model';
import type { Preset } from '@shared/captions/presets';
import { cueCps, type QcFinding } from '@shared/captions/qc';
import { joinWords, textWidth, wordToken } from '@shared/captions/text';
import { cueTime } from '../../app/format';
import { CueTextArea } from './CueTextArea';
import type { EditorAction } from './state';
import { parseTypedTime } from './timecode';
import { TranslationBadges, TranslationMetrics, TranslationText } from './translation/TranslationCells';
import type { TranslationColumn } from './translation/useTranslations';
import type { Notify } from '../../app/errors';

const ROW = 66;
const OVERSCAN = 6;
/** Distinct speaker colours (CSS variables --spk-0 … --spk-7, tuned per theme). */
export const SPEAKER_COLOURS = 8;

interface Props {
  track: Track;
  preset: Preset;
  frameRate: number;
  selected: string | null;
  multi: string[];
  activeIndex: number;
  findings: Map<string, QcFinding[]>;
  /** Find matches to highlight, by cue id: [line, index, length][], and the current one. */
  highlights: Map<string, [number, number, number][]>;
  current: { cueId: string; line: number; index: number } | null;
  dispatch: (a: EditorAction) => void;
  seek: (ms: number) => void;
  editing: string | null;
  setEditing: (id: string | null) => void;
  notify: Notify;
  /** The translation shown beside the source (issue #11), and the cue whose translation is open. */
  translation?: TranslationColumn | null;
  trEditing?: string | null;
  setTrEditing?: (id: string | null) => void;
}

/**
 * The cue grid (an ARIA grid with named column headers). Only the rows in view are in the DOM,
 * so 15,000 cues scroll and type as fast as 15.
 */
export function CueList({ track, preset, frameRate, selected, multi, activeIndex, findings, highlights, current, dispatch, seek, editing, setEditing, notify, translation = null, trEditing = null, setTrEditing }: Props) {
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
    const far = top < el.scrollTop - el.clientHeight || top > el.scrollTop + 2 * el.clientHeight;
    // A jump (search, seek) centres the cue; a step to the next one scrolls just enough.
    if (far) el.scrollTop = top - el.clientHeight / 2 + ROW / 2;
    else if (top < el.scrollTop) el.scrollTop = top - ROW;
    else if (top + ROW > el.scrollTop + el.clientHeight) el.scrollTop = top + 2 * ROW - el.clientHeight;
  }, [selected, cues]);

  const first = Math.max(0, Math.floor(scroll / ROW) - OVERSCAN);
  const last = Math.min(cues.length, Math.ceil((scroll + height) / ROW) + OVERSCAN);
  const multiSet = multi.length > 1 ? new Set(multi) : null;

  return (
    <div className={`cue-grid${translation ? ' with-tr' : ''}`} role="grid" aria-label={t('editor.cues', { count: cues.length })} aria-rowcount={cues.length + 1} aria-multiselectable>
      <GridHead trLang={translation?.lang ?? null} />
      <div className="cue-list" ref={box} onScroll={(e) => setScroll(e.currentTarget.scrollTop)} role="rowgroup" tabIndex={-1}>
        <div style={{ height: cues.length * ROW }} />
        {cues.slice(first, last).map((cue, i) => {
          const k = first + i;
          return (
            <Row
              key={cue.id}
              cue={cue}
              index={k}
              preset={preset}
              frameRate={frameRate}
              selected={cue.id === selected || Boolean(multiSet?.has(cue.id))}
              active={k === activeIndex}
              speaker={speakerName(track, cue.speaker) ?? null}
              findings={findings.get(cue.id)}
              marks={highlights.get(cue.id)}
              current={current?.cueId === cue.id ? current : null}
              editing={editing === cue.id}
              dispatch={dispatch}
              seek={seek}
              setEditing={setEditing}
              notify={notify}
              translation={translation}
              trEditing={trEditing === cue.id}
              setTrEditing={setTrEditing}
            />
          );
        })}
      </div>
    </div>
  );
}

const COLUMNS = ['idx', 'start', 'end', 'dur', 'cps', 'cpl', 'speaker', 'text', 'qc'] as const;

/** The column headers; a component of its own so scrolling never re-renders them. */
const GridHead = memo(function GridHead({ trLang }: { trLang: string | null }) {
  const { t, i18n } = useTranslation();
  const name = trLang ? (new Intl.DisplayNames([i18n.language], { type: 'language' }).of(trLang.replace('_', '-')) ?? trLang) : '';
  return (
    <div role="rowgroup" className="grid-head">
      <div role="row" aria-rowindex={1} className="cue head">
        {COLUMNS.map((c) => [
          c === 'qc' && trLang ? (
            <div key="tr-metrics" role="columnheader" className="tr-metrics num" title={t('trcol.metricsHelp', { lang: name })} aria-label={t('trcol.metricsLabel', { lang: name })}>
              <span>{t('grid.cps')}</span>
              <span>{t('grid.cpl')}</span>
            </div>
          ) : null,
          c === 'qc' && trLang ? (
            <div key="tr-text" role="columnheader" className="text tr-text" title={t('trcol.help', { lang: name })} data-testid="tr-header">
              {t('trcol.header', { lang: name })}
            </div>
          ) : null,
          <div key={c} role="columnheader" className={c} title={t(`grid.${c}Help`)}>
            {c === 'text' && trLang ? t('trcol.source') : t(`grid.${c}`)}
          </div>,
        ])}
      </div>
    </div>
  );
});

interface RowProps {
  cue: Cue;
  index: number;
  preset: Preset;
  frameRate: number;
  selected: boolean;
  active: boolean;
  speaker: string | null;
  findings: QcFinding[] | undefined;
  marks: [number, number, number][] | undefined;
  current: { line: number; index: number } | null;
  editing: boolean;
  dispatch: (a: EditorAction) => void;
  seek: (ms: number) => void;
  setEditing: (id: string | null) => void;
  notify: Notify;
  translation: TranslationColumn | null;
  trEditing: boolean;
  setTrEditing: ((id: string | null) => void) | undefined;
}

/** Which line each word of a cue is on, when the words spell the lines (so line breaks show). */
function wordsByLine(cue: Cue): Cue['words'][] | null {
  if (!cue.words.length || joinWords(cue.words) !== cue.lines.join(' ')) return null;
  const joined = cue.lines.join(' ');
  const ends: number[] = [];
  let acc = 0;
  for (const l of cue.lines) ends.push((acc += l.length + 1));
  const out: Cue['words'][] = cue.lines.map(() => []);
  let pos = 0;
  for (const w of cue.words) {
    const at = joined.indexOf(wordToken(w), pos);
    pos = at + wordToken(w).length;
    const line = Math.max(0, ends.findIndex((e) => at < e));
    (out[line] as Cue['words']).push(w);
  }
  return out;
}

const CJK_PAIR = /[\u3000-\u9fff\uff00-\uffef]/;

/** A line with find matches marked (the current one distinct). */
function Marked({ text, marks, current }: { text: string; marks: [number, number][]; current: number | null }) {
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const [i, len] of marks) {
    if (i > at) parts.push(text.slice(at, i));
    parts.push(
      <mark key={i} className={i === current ? 'current' : undefined}>
        {text.slice(i, i + len)}
      </mark>,
    );
    at = i + len;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}

/**
 * A time the user can type over. Only the selected row has the text boxes: a box per row would
 * cost every scrolled-in row two inputs (and their shadow trees), which shows on 15,000 cues.
 */
function TimeCell({ value, label, frameRate, editable, onCommit, notify }: { value: number; label: () => string; frameRate: number; editable: boolean; onCommit: (ms: number) => void; notify: Notify }) {
  const { t } = useTranslation();
  const shown = cueTime(value);
  if (!editable) return <span className="time">{shown}</span>;
  const commit = (el: HTMLInputElement) => {
    if (el.value === shown) return;
    const ms = parseTypedTime(el.value, frameRate);
    if (ms === null) {
      notify(t('grid.badTime', { text: el.value }));
      el.value = shown;
    } else onCommit(ms);
  };
  return (
    <input
      key={shown}
      className="time"
      aria-label={label()}
      defaultValue={shown}
      spellCheck={false}
      onClick={(e) => e.stopPropagation()}
      onBlur={(e) => commit(e.currentTarget)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          commit(e.currentTarget);
        } else if (e.key === 'Escape') e.currentTarget.value = shown;
      }}
    />
  );
}

const Row = memo(function Row({ cue, index, preset, frameRate, selected, active, speaker, findings, marks, current, editing, dispatch, seek, setEditing, notify, translation, trEditing, setTrEditing }: RowProps) {
  const { t } = useTranslation();
  const text = cue.lines.join('\n');
  const dur = cue.end - cue.start;
  const cps = cueCps(cue, preset);
  const cpl = Math.max(0, ...cue.lines.map((l) => textWidth(l, preset.widthMode)));
  const byLine = marks ? null : wordsByLine(cue);
  const spk = cue.speaker === undefined ? undefined : cue.speaker % SPEAKER_COLOURS;
  const n = index + 1;
  return (
    <div
      className={`cue${selected ? ' selected' : ''}${active ? ' active' : ''}${spk !== undefined ? ` spk-${spk}` : ''}`}
      style={{ top: index * ROW, height: ROW }}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-testid="cue-row"
      data-cue-id={cue.id}
      onClick={(e) => {
        dispatch({ type: 'select', id: cue.id, ...(e.shiftKey ? { mode: 'range' as const } : e.ctrlKey || e.metaKey ? { mode: 'toggle' as const } : {}) });
        if (!editing && !e.shiftKey && !e.ctrlKey && !e.metaKey) seek(cue.start);
      }}
      onDoubleClick={() => setEditing(cue.id)}
    >
      <div role="gridcell" className="idx">
        {n}
      </div>
      <div role="gridcell" className="start">
        <TimeCell value={cue.start} label={() => t('grid.startOf', { n })} frameRate={frameRate} editable={selected} notify={notify} onCommit={(ms) => (ms < cue.end ? dispatch({ type: 'setTimes', id: cue.id, start: ms, end: cue.end }) : notify(t('grid.startAfterEnd')))} />
      </div>
      <div role="gridcell" className="end">
        <TimeCell value={cue.end} label={() => t('grid.endOf', { n })} frameRate={frameRate} editable={selected} notify={notify} onCommit={(ms) => (ms > cue.start ? dispatch({ type: 'setTimes', id: cue.id, start: cue.start, end: ms }) : notify(t('grid.startAfterEnd')))} />
      </div>
      <div role="gridcell" className={`dur num${dur < preset.minDurationMs || dur > preset.maxDurationMs ? ' over' : ''}`}>
        {(dur / 1000).toFixed(dur < 10_000 ? 2 : 1)}
      </div>
      <div role="gridcell" className={`cps num${cps > preset.maxCps + 0.05 ? ' over' : ''}`}>
        {cps.toFixed(1)}
      </div>
      <div role="gridcell" className={`cpl num${cpl > preset.maxCharsPerLine ? ' over' : ''}`}>
        {cpl}
      </div>
      <div role="gridcell" className="speaker" title={speaker ?? ''}>
        {speaker}
      </div>
      <div role="gridcell" className="text" lang={/[\u3400-\u9fff]/.test(text) ? 'zh' : undefined}>
        {editing ? (
          <CueTextArea
            text={text}
            label={t('grid.textOf', { n })}
            spellCheck
            onCommit={(draft) => dispatch({ type: 'setText', id: cue.id, text: draft })}
            onSplit={(draft, at) => {
              dispatch({ type: 'setText', id: cue.id, text: draft });
              dispatch({ type: 'split', id: cue.id, at: { char: draft.slice(0, at).replace(/\n/g, ' ').length } });
            }}
            onClose={() => setEditing(null)}
          />
        ) : marks ? (
          cue.lines.map((l, li) => (
            <div key={li}>
              <Marked text={l} marks={marks.filter((m) => m[0] === li).map((m) => [m[1], m[2]])} current={current?.line === li ? current.index : null} />
            </div>
          ))
        ) : byLine ? (
          byLine.map((ws, li) => (
            <div key={li}>
              {ws.map((w, i) => (
                <span key={i} className="word" title={cueTime(w.start)} onClick={(e) => { e.stopPropagation(); dispatch({ type: 'select', id: cue.id }); seek(w.start); }}>
                  {wordToken(w)}
                  {i < ws.length - 1 && CJK_PAIR.test(wordToken(w).slice(-1) + wordToken(ws[i + 1] as typeof w)[0]) ? '' : ' '}
                </span>
              ))}
            </div>
          ))
        ) : (
          text || <span className="muted">—</span>
        )}
      </div>
      {translation && (
        <>
          <TranslationMetrics cue={cue} column={translation} />
          <TranslationText cue={cue} n={n} column={translation} selected={selected} editing={trEditing} setEditing={setTrEditing ?? (() => undefined)} />
        </>
      )}
      <div role="gridcell" className="qc">
        {/\*/.test(text) && (
          <span className="b warning" title={t('editor.maskedHelp')} data-testid="masked">
            {t('editor.masked')}
          </span>
        )}
        {(findings ?? []).map((f) => (
          <button
            key={f.code}
            className={`b ${f.severity}`}
            title={t(`qcText.${f.code}`, { ...f.params, defaultValue: f.message })}
            aria-label={`${t(`qcText.${f.code}`, { ...f.params, defaultValue: f.message })}${f.fix && f.fix.kind !== 'split' ? ` ${t('grid.clickToFix')}` : ''}`}
            onClick={(e) => {
              e.stopPropagation();
              if (f.fix?.kind === 'split') dispatch({ type: 'split', id: cue.id, at: { time: Math.round((cue.start + cue.end) / 2) } });
              else if (f.fix) dispatch({ type: 'fix', fix: f.fix });
            }}
          >
            {t(`qc.${f.code}`)}
          </button>
        ))}
        {translation && <TranslationBadges cue={cue} column={translation} />}
      </div>
    </div>
  );
});

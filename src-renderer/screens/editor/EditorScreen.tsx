import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output, SettingsView } from '@shared/ipc/contract';
import { findMatches, type Match } from '@shared/captions/edit';
import { speakerName } from '@shared/captions/model';
import { missedSpeech } from '@shared/captions/qc';
import { correctedTerms } from '@shared/corrections';
import { formatClock } from '@shared/formats/timecode';
import { useApi } from '../../app/api';
import { fromBase64 } from '../../app/format';
import { CueList } from './CueList';
import { ExportDialog } from './ExportDialog';
import { BurnButton } from '../burn/BurnDialog';
import { FindBar, type FindBarHandle, type FindState } from './FindBar';
import { KeymapDialog } from './KeymapDialog';
import { changedBindings } from './ShortcutsTable';
import { DEFAULT_KEYMAP, comboOf, commandFor, keyLabel, mergeKeymap, type CommandId, type Keymap } from './keymap';
import { Player } from './Player';
import { SelectionTools, type SelectionToolsHandle } from './SelectionTools';
import { LanguageSwitch } from './LanguageSwitch';
import { TranslateDialog } from './translation/TranslateDialog';
import { TranslationBar } from './translation/TranslationBar';
import { useTranslations } from './translation/useTranslations';
import { createQcCache } from './qc-cache';
import { keepSession, resumeSession } from './session';
import { createAutosave, cueAt, editorReducer, initEditor, selection, type EditorAction, type EditorState } from './state';
import { useSpectrogram } from './useSpectrogram';
import { DEFAULT_WINDOW_MS, Waveform, zoomed, type PeakData } from './Waveform';

type Loaded = Output<'transcript:get'>;
type Analysis = Output<'editor:analysis'>;

export const SPEEDS = [0.5, 0.75, 1, 1.25, 1.5, 2] as const;

export function EditorScreen({ id, startAt, back, notify, exportDefaults, onSettings }: { id: string; startAt?: number | undefined; back: () => void; notify: (m: string) => void; exportDefaults: SettingsView | null; onSettings?: (s: SettingsView) => void }) {
  const api = useApi();
  const [doc, setDoc] = useState<Loaded | null>(null);
  const [keymap, setKeymap] = useState<Keymap | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    api.call('transcript:get', { id }).then(setDoc, (e: Error) => setError(e.message));
    api.call('editor:keymap:get', {}).then((k) => setKeymap(mergeKeymap(k.bindings)), () => setKeymap(DEFAULT_KEYMAP));
  }, [api, id, generation]);
  if (error) return <p className="empty error-text">{error}</p>;
  if (!doc || !keymap) return <p className="empty">…</p>;
  return <Editor key={`${doc.meta.presetId} ${doc.meta.updatedAt}`} doc={doc} keymap={keymap} setKeymap={setKeymap} startAt={startAt} back={back} notify={notify} exportDefaults={exportDefaults} onSettings={onSettings} reload={() => setGeneration((g) => g + 1)} />;
}

interface EditorProps {
  doc: Loaded;
  keymap: Keymap;
  setKeymap: (k: Keymap) => void;
  startAt?: number | undefined;
  back: () => void;
  notify: (m: string) => void;
  exportDefaults: SettingsView | null;
  onSettings?: ((s: SettingsView) => void) | undefined;
  reload: () => void;
}

function Editor({ doc, keymap, setKeymap, startAt, back, notify, exportDefaults, onSettings, reload }: EditorProps) {
  const api = useApi();
  const { t } = useTranslation();
  const id = doc.meta.id;
  const [state, dispatch] = useReducer(editorReducer, undefined, (): EditorState => resumeSession(id, doc.track, () => initEditor(doc.track, doc.meta.presetId)));
  const media = useRef<HTMLVideoElement & HTMLAudioElement>(null);
  const [time, setTime] = useState(startAt ?? 0);
  const [speed, setSpeed] = useState(1);
  const [loop, setLoop] = useState(false);
  const stopAt = useRef<number | null>(null);
  const [playingCue, setPlayingCue] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [saveState, setSaveState] = useState<'saved' | 'saving' | string>('saved');
  const [peaks, setPeaks] = useState<PeakData | null>(null);
  const [peaksFailed, setPeaksFailed] = useState(false);
  const [analysis, setAnalysis] = useState<Analysis | null>(null);
  const [shots, setShots] = useState<number[]>([]);
  const [windowMs, setWindowMs] = useState(DEFAULT_WINDOW_MS);
  const [find, setFind] = useState<FindState>({ query: '', replacement: '', options: { caseSensitive: false, wholeWord: false, regex: false } });
  const [matchIndex, setMatchIndex] = useState(-1);
  const [exporting, setExporting] = useState(false);
  const [showKeys, setShowKeys] = useState(false);
  const [proposal, setProposal] = useState<string | null>(null);
  const [retranscribing, setRetranscribing] = useState(false);
  const findBar = useRef<FindBarHandle>(null);
  const tools = useRef<SelectionToolsHandle>(null);
  const spectro = useSpectrogram(id, Boolean(doc.mediaUrl), exportDefaults, onSettings, notify);
  const [translating, setTranslating] = useState(false);
  // Every change is saved at once; the queue keeps saves in order and one at a time.
  const autosave = useMemo(
    () =>
      createAutosave(
        async (track) => {
          setSaveState('saving');
          try {
            await api.call('transcript:save', { id, track });
          } catch (e) {
            setSaveState((e as Error).message);
            throw e;
          }
          setSaveState('saved');
        },
        () => undefined,
      ),
    [api, id],
  );
  const latest = useRef(state);
  latest.current = state;
  // Translations (issue #11): the column beside the source, sharing one undo history with it.
  const tr = useTranslations({
    transcriptId: id,
    cues: state.track.cues,
    sourceLang: doc.meta.language,
    editorVersion: state.version,
    editorCanUndo: state.past.length > 0,
    editorCanRedo: state.future.length > 0,
    editorUndo: useCallback(() => dispatch({ type: 'undo' }), []),
    editorRedo: useCallback(() => dispatch({ type: 'redo' }), []),
    select: useCallback((cueId: string) => dispatch({ type: 'select', id: cueId }), []),
    notify,
    trackSaved: useCallback(() => autosave.ensure(latest.current.version, latest.current.track), [autosave]),
  });

  // Keep the history for this session: coming back to this transcript can still undo.
  useEffect(() => keepSession(id, state), [id, state]);

  useEffect(() => {
    if (state.version) autosave.push(state.version, state.track);
  }, [state.version, state.track, autosave]);

  // Export writes what is on screen: the latest version is saved first (again, if a save failed).
  const openExport = async () => {
    try {
      await autosave.ensure(state.version, state.track);
      await tr.flush();
      setExporting(true);
    } catch (e) {
      notify(t('pro.exportUnsaved', { msg: (e as Error).message }));
    }
  };

  useEffect(() => {
    if (!doc.mediaUrl) return;
    let live = true;
    api.call('media:peaks', { id }).then(
      (p) => live && setPeaks({ perSecond: p.perSecond, data: new Int8Array(fromBase64(p.peaks).buffer) }),
      () => live && setPeaksFailed(true), // the editor works without a waveform
    );
    api.call('editor:analysis', { id }).then(
      (a) => live && setAnalysis(a),
      () => undefined, // no coverage check or media frame rate; the rest works
    );
    // Shot changes decode every frame: asked for last, and the editor works without them.
    if (doc.mediaKind === 'video') api.call('editor:shots', { id }).then((r) => live && setShots(r.shots), () => undefined);
    return () => {
      live = false;
    };
  }, [api, id, doc.mediaUrl, doc.mediaKind]);

  // Opened from a search hit: select the cue at that moment and cue the player there (once).
  const opened = useRef(false);
  useEffect(() => {
    if (opened.current || startAt === undefined) return;
    opened.current = true;
    const k = cueAt(state.track.cues, startAt);
    const cue = state.track.cues[k] ?? state.track.cues.find((c) => c.start >= startAt);
    if (cue) dispatch({ type: 'select', id: cue.id });
    if (media.current) media.current.currentTime = startAt / 1000;
  }, [startAt, state.track.cues]);

  // A cue just inserted or drawn opens for typing.
  useEffect(() => {
    if (!state.editRequest) return;
    setEditing(state.editRequest);
    dispatch({ type: 'editHandled' });
  }, [state.editRequest]);

  const seek = useCallback((ms: number) => {
    setTime(ms);
    if (media.current) media.current.currentTime = ms / 1000;
  }, []);

  // Text edits feed the correction counter; a term typed in more than once is proposed as a hotword.
  const cuesRef = useRef(state.track.cues);
  cuesRef.current = state.track.cues;
  const edit = useCallback(
    (a: EditorAction) => {
      if (a.type === 'setText') {
        const cue = cuesRef.current.find((c) => c.id === a.id);
        const terms = cue ? correctedTerms(cue.lines.join(' '), a.text) : [];
        if (terms.length) api.call('corrections:record', { terms }).then((r) => r.proposals[0] && setProposal(r.proposals[0]), () => undefined);
      }
      dispatch(a);
    },
    [api],
  );
  const decide = async (accept: boolean) => {
    const term = proposal;
    setProposal(null);
    if (!term) return;
    try {
      await api.call('corrections:decide', { term, accept });
      if (accept) notify(t('editor.learned', { term }));
    } catch (e) {
      notify((e as Error).message);
    }
  };

  const activeIndex = cueAt(state.track.cues, time);
  // Selection follows the playhead (playing, or moved on the player or the waveform) into the next cue.
  const followed = useRef(-1);
  useEffect(() => {
    if (activeIndex === followed.current) return;
    followed.current = activeIndex;
    const cue = state.track.cues[activeIndex];
    if (cue && cue.id !== state.selected && !editing && state.multi.length < 2) dispatch({ type: 'select', id: cue.id });
  }, [activeIndex, state.track.cues, state.selected, state.multi.length, editing]);

  const qc = useMemo(createQcCache, []);
  const findings = useMemo(() => qc(state.track.cues, state.preset), [qc, state.track.cues, state.preset]);
  const fixable = useMemo(() => [...findings.values()].flat().filter((f) => f.safe && f.fix && f.fix.kind !== 'split').length, [findings]);
  const missed = useMemo(() => (analysis ? missedSpeech(state.track.cues, analysis.speech) : []), [analysis, state.track.cues]);
  const frameRate = analysis?.frameRate ?? state.preset.frameRate;

  const selectedIndex = state.track.cues.findIndex((c) => c.id === state.selected);
  const selected = state.track.cues[selectedIndex];
  const chosen = selection(state);

  // Find: every match, recomputed only when the text or the search changes.
  const matches = useMemo((): Match[] | { error: string } => {
    try {
      return findMatches(state.track.cues, find.query, find.options);
    } catch (e) {
      return { error: (e as Error).message };
    }
  }, [state.track.cues, find.query, find.options]);
  const matchList = Array.isArray(matches) ? matches : [];
  const current = matchIndex >= 0 && matchIndex < matchList.length ? matchIndex : -1;
  const highlights = useMemo(() => {
    const m = new Map<string, [number, number, number][]>();
    for (const x of Array.isArray(matches) ? matches : []) {
      const list = m.get(x.cueId);
      if (list) list.push([x.line, x.index, x.length]);
      else m.set(x.cueId, [[x.line, x.index, x.length]]);
    }
    return m;
  }, [matches]);
  useEffect(() => setMatchIndex(-1), [find.query, find.options]);
  const goMatch = (dir: 1 | -1) => {
    if (!matchList.length) {
      if (find.query) notify(t('editor.notFound', { q: find.query }));
      return;
    }
    let k: number;
    if (current >= 0) k = (current + dir + matchList.length) % matchList.length;
    else {
      // From the selected cue onwards (or backwards), wrapping around.
      const from = Math.max(0, selectedIndex);
      k = dir > 0 ? matchList.findIndex((m) => m.cueIndex >= from) : matchList.findLastIndex((m) => m.cueIndex <= from);
      if (k < 0) k = dir > 0 ? 0 : matchList.length - 1;
    }
    const m = matchList[k] as Match;
    setMatchIndex(k);
    dispatch({ type: 'select', id: m.cueId });
    seek(state.track.cues[m.cueIndex]?.start ?? 0);
  };
  const replaceOne = () => {
    const m = matchList[current];
    if (!m) return;
    dispatch({ type: 'replaceOne', find: find.query, replacement: find.replacement, options: find.options, match: m });
  };
  const replaceAll = () => {
    const n = matchList.length;
    dispatch({ type: 'replaceAll', find: find.query, replacement: find.replacement, options: find.options });
    notify(t('editor.replaced', { count: n }));
  };

  const media$ = () => media.current;
  const playCue = (cue = selected) => {
    const m = media$();
    if (!cue || !m) return;
    stopAt.current = cue.end;
    setPlayingCue(true);
    seek(cue.start);
    void m.play();
  };
  const setRate = (r: number) => {
    setSpeed(r);
    if (media.current) media.current.playbackRate = r;
  };
  const frame = (dir: 1 | -1) => {
    const m = media$();
    if (m) m.pause();
    seek(Math.max(0, Math.round(time + (dir * 1000) / frameRate)));
  };
  const splitHere = () => {
    // At the playhead when it is inside the selected cue; otherwise the cue under the playhead.
    const cue = selected && time > selected.start && time < selected.end ? selected : state.track.cues[activeIndex];
    if (cue) dispatch({ type: 'split', id: cue.id, at: { time: Math.round(time) } });
    else notify(t('pro.splitNoCue'));
  };
  const retranscribe = async () => {
    const cues = state.track.cues.filter((c) => chosen.includes(c.id));
    if (!cues.length) return;
    const startMs = Math.min(...cues.map((c) => c.start));
    const endMs = Math.max(...cues.map((c) => c.end));
    setRetranscribing(true);
    try {
      const r = await api.call('editor:retranscribe', { id, startMs, endMs });
      dispatch({ type: 'replaceSpan', ids: cues.map((c) => c.id), cues: r.cues });
      notify(t('pro.retranscribed', { count: r.cues.length, span: `${formatClock(startMs)}–${formatClock(endMs)}` }));
    } catch (e) {
      notify((e as Error).message);
    } finally {
      setRetranscribing(false);
    }
  };

  // "Add to dictionary": the selected word (or the word at the caret) of the text being edited
  // joins the learned terms (quick-mode context, corrections) and the active hotword list.
  const addToDictionary = async () => {
    const box = document.activeElement;
    if (!(box instanceof HTMLTextAreaElement)) return notify(t('pro.dictionaryHow'));
    const { value, selectionStart: a, selectionEnd: b } = box;
    const term = (a !== b ? value.slice(a, b) : (/[\p{L}\p{N}'’-]*$/u.exec(value.slice(0, a))?.[0] ?? '') + (/^[\p{L}\p{N}'’-]*/u.exec(value.slice(a))?.[0] ?? '')).trim();
    if (!term || term.length > 60) return notify(t('pro.dictionaryHow'));
    try {
      await api.call('corrections:decide', { term, accept: true });
      notify(t('editor.learned', { term }));
    } catch (e) {
      notify((e as Error).message);
    }
  };

  const run: Record<CommandId, () => void> = {
    playPause: () => {
      const m = media$();
      stopAt.current = null;
      if (m) void (m.paused ? m.play() : m.pause());
    },
    playCue: () => playCue(),
    loopCue: () => setLoop((l) => !l),
    slower: () => setRate(SPEEDS[Math.max(0, SPEEDS.indexOf(speed as (typeof SPEEDS)[number]) - 1)] ?? 1),
    faster: () => setRate(SPEEDS[Math.min(SPEEDS.length - 1, SPEEDS.indexOf(speed as (typeof SPEEDS)[number]) + 1)] ?? 1),
    frameBack: () => frame(-1),
    frameForward: () => frame(1),
    prevCue: () => step(-1),
    nextCue: () => step(1),
    rowUp: () => step(-1),
    rowDown: () => step(1),
    nudgeStartBack: () => selected && dispatch({ type: 'nudge', id: selected.id, edge: 'start', deltaMs: -100 }),
    nudgeStartForward: () => selected && dispatch({ type: 'nudge', id: selected.id, edge: 'start', deltaMs: 100 }),
    nudgeEndBack: () => selected && dispatch({ type: 'nudge', id: selected.id, edge: 'end', deltaMs: -100 }),
    nudgeEndForward: () => selected && dispatch({ type: 'nudge', id: selected.id, edge: 'end', deltaMs: 100 }),
    setStart: () => selected && dispatch({ type: 'setEdgeAt', id: selected.id, edge: 'start', at: time }),
    setEnd: () => selected && dispatch({ type: 'setEdgeAt', id: selected.id, edge: 'end', at: time }),
    setStartShiftRest: () => selected && dispatch({ type: 'setEdgeAt', id: selected.id, edge: 'start', at: time, shiftRest: true }),
    editText: () => selected && setEditing(selected.id),
    split: splitHere,
    merge: () => selected && dispatch({ type: 'mergeNext', id: selected.id }),
    insert: () => dispatch({ type: 'insert', at: time }),
    delete: () => chosen.length && dispatch({ type: 'delete', ids: chosen }),
    undo: tr.undo,
    redo: tr.redo,
    find: () => findBar.current?.focusFind(),
    replace: () => findBar.current?.focusReplace(),
    findNext: () => goMatch(1),
    findPrev: () => goMatch(-1),
    zoomIn: () => setWindowMs(zoomed(windowMs, 0.5)),
    zoomOut: () => setWindowMs(zoomed(windowMs, 2)),
    selectAll: () => dispatch({ type: 'selectAll' }),
    stretch: () => tools.current?.focusStretch(),
    addToDictionary: () => void addToDictionary(),
    help: () => setShowKeys(true),
  };
  function step(d: number) {
    const next = state.track.cues[Math.min(state.track.cues.length - 1, Math.max(0, selectedIndex + d))];
    if (next) {
      dispatch({ type: 'select', id: next.id });
      seek(next.start);
    }
  }
  const runRef = useRef(run);
  runRef.current = run;
  const blocked = exporting || showKeys || translating;
  useEffect(() => {
    if (blocked) return;
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (target.closest('dialog')) return;
      const typing = target.matches('textarea, input:not([type=checkbox]):not([type=range]), select');
      const combo = comboOf(e);
      const cmd = combo && commandFor(keymap, combo, typing);
      if (!cmd) return;
      e.preventDefault();
      runRef.current[cmd]();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [keymap, blocked]);

  // Looping and "play cue" stop on the cue's end to the frame, not at the next timeupdate (~250 ms).
  const onTimeRef = useRef<(ms: number) => void>(() => undefined);
  useEffect(() => {
    const m = media.current;
    if (!m || (!loop && !playingCue)) return;
    let raf = 0;
    const tick = () => {
      if (!m.paused) onTimeRef.current(m.currentTime * 1000);
      raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [loop, playingCue]);
  const onTime = (ms: number) => {
    setTime(ms);
    const m = media.current;
    if (!m) return;
    const cue = selected;
    if (loop && cue && (ms >= cue.end || ms < cue.start - 1000)) m.currentTime = cue.start / 1000;
    else if (stopAt.current !== null && ms >= stopAt.current) {
      m.pause();
      stopAt.current = null;
      setPlayingCue(false);
    }
  };
  onTimeRef.current = onTime;

  const speakerIds = [...new Set(state.track.cues.map((c) => c.speaker).filter((s): s is number => s !== undefined))];
  const audioOnly = !doc.mediaUrl || doc.mediaKind === 'audio';
  const k = (c: CommandId) => keyLabel(keymap[c]);
  return (
    <>
      <div className="toolbar editor-toolbar">
        <button className="btn" onClick={back}>
          ← {t('editor.back')}
        </button>
        <h1 title={doc.meta.sourcePath ?? ''}>{doc.meta.title}</h1>
        <LanguageSwitch id={doc.meta.id} language={doc.meta.language} presetId={doc.meta.presetId} flush={() => autosave.flush()} reload={reload} notify={notify} />
        <button className="btn" onClick={run.undo} disabled={!tr.canUndo} title={k('undo')}>
          {t('editor.undo')}
        </button>
        <button className="btn" onClick={run.redo} disabled={!tr.canRedo} title={k('redo')}>
          {t('editor.redo')}
        </button>
        <button className="btn" disabled={!state.track.cues.length} onClick={splitHere} title={`${t('pro.splitHelp')} (${k('split')})`}>
          {t('editor.split')}
        </button>
        <button className="btn" disabled={!selected} onClick={run.merge} title={k('merge')}>
          {t('editor.merge')}
        </button>
        <button className="btn" onClick={run.insert} title={`${t('pro.insertHelp')} (${k('insert')})`}>
          {t('editor.insert')}
        </button>
        <button className="btn danger" disabled={!chosen.length} onClick={run.delete} title={k('delete')}>
          {t('editor.del')}
        </button>
        <div className="grow" />
        <span className="saved" role="status" data-testid="save-state">
          {saveState === 'saving' || (saveState === 'saved' && tr.saving) ? t('editor.saving') : saveState === 'saved' ? t('editor.saved') : t('editor.saveFailed', { msg: saveState })}
        </span>
        <button className="btn" title={`${t('editor.shortcuts')} (${k('help')})`} aria-label={t('editor.shortcuts')} onClick={() => setShowKeys(true)}>
          ⌨
        </button>
        <BurnButton id={id} track={state.track} notify={notify} />
        <button className="btn primary" onClick={() => void openExport()}>
          {t('common.export')}
        </button>
      </div>
      <div className={`editor${audioOnly ? ' audio-only' : ''}`}>
        <Player doc={doc} media={media} overlay={state.track.cues[activeIndex]} onTime={onTime}>
          <div className="transport" role="toolbar" aria-label={t('pro.transport')}>
            <button className="btn small" onClick={() => frame(-1)} aria-label={t('cmd.frameBack')} title={`${t('cmd.frameBack')} (${k('frameBack')})`}>
              ‹1f
            </button>
            <button className="btn small" onClick={() => frame(1)} aria-label={t('cmd.frameForward')} title={`${t('cmd.frameForward')} (${k('frameForward')})`}>
              1f›
            </button>
            <button className="btn small" disabled={!selected} onClick={() => playCue()} aria-label={t('cmd.playCue')} title={`${t('cmd.playCue')} (${k('playCue')})`}>
              ▶ {t('pro.play')}
            </button>
            <button className={`btn small toggle${loop ? ' on' : ''}`} aria-pressed={loop} onClick={run.loopCue} aria-label={t('cmd.loopCue')} title={`${t('cmd.loopCue')} (${k('loopCue')})`}>
              ⟲ {t('pro.loop')}
            </button>
            <label className="row small" title={`${t('pro.speed')} (${k('slower')} ${k('faster')})`}>
              <select aria-label={t('pro.speed')} value={speed} onChange={(e) => setRate(Number(e.target.value))}>
                {SPEEDS.map((s) => (
                  <option key={s} value={s}>
                    {s}×
                  </option>
                ))}
              </select>
            </label>
            <button className="btn small" disabled={!selected} onClick={run.setStart} title={`${t('cmd.setStart')} (${k('setStart')}; ${t('cmd.setStartShiftRest')}: ${k('setStartShiftRest')})`}>
              ⇤ {t('cmd.setStart')}
            </button>
            <button className="btn small" disabled={!selected} onClick={run.setEnd} title={`${t('cmd.setEnd')} (${k('setEnd')})`}>
              {t('cmd.setEnd')} ⇥
            </button>
          </div>
        </Player>
        <Waveform
          peaks={peaks}
          loading={Boolean(doc.mediaUrl) && !peaksFailed}
          track={state.track}
          selected={state.selected}
          findings={findings}
          missed={missed}
          shots={shots}
          time={time}
          durationMs={Math.max(doc.meta.durationMs, state.track.cues.at(-1)?.end ?? 0)}
          clock={`${formatClock(time)}.${String(Math.round(time) % 1000).padStart(3, '0')}${analysis?.frameRate ? ` · ${Math.round(analysis.frameRate * 1000) / 1000} fps` : ''}`}
          windowMs={windowMs}
          setWindowMs={setWindowMs}
          dispatch={dispatch}
          seek={seek}
          spectro={spectro}
        />
        <div className="side">
          <FindBar ref={findBar} find={find} setFind={setFind} matches={matches} current={current} go={goMatch} replaceOne={replaceOne} replaceAll={replaceAll} />
          <div className="side-tools">
            <span className="muted" data-testid="selection-count">
              {t('pro.selected', { count: chosen.length })}
            </span>
            <SelectionTools ref={tools} chosen={chosen} selectedId={selected?.id ?? null} frameRate={frameRate} dispatch={dispatch} notify={notify} />
            {speakerIds.length > 0 && (
              <select
                aria-label={t('pro.setSpeaker')}
                value=""
                disabled={!chosen.length}
                onChange={(e) => e.target.value !== '' && dispatch({ type: 'setSpeaker', ids: chosen, speaker: e.target.value === 'none' ? undefined : Number(e.target.value) })}
              >
                <option value="">{t('pro.setSpeaker')}…</option>
                {speakerIds.map((sid) => (
                  <option key={sid} value={sid}>
                    {speakerName(state.track, sid)}
                  </option>
                ))}
                <option value="none">—</option>
              </select>
            )}
            <button className="btn small" disabled={!chosen.length || !doc.mediaUrl || retranscribing} onClick={() => void retranscribe()} title={t('pro.retranscribeHelp')}>
              {retranscribing ? t('pro.retranscribing') : t('pro.retranscribe')}
            </button>
            <div className="grow" style={{ flex: 1 }} />
            <TranslationBar tr={tr} onTranslate={() => setTranslating(true)} />
            <button className="btn small" disabled={!fixable} onClick={() => dispatch({ type: 'fixAll' })}>
              {t('editor.fixAll', { count: fixable })}
            </button>
          </div>
          {missed.length > 0 && (
            <div className="missed" role="region" aria-label={t('pro.missedTitle')} data-testid="missed-speech">
              <span className="b error">{t('pro.missedTitle')}</span>
              {missed.slice(0, 4).map((m) => (
                <button key={m.start} className="btn small link" onClick={() => seek(m.start)}>
                  {t('pro.missed', { span: `${formatClock(m.start)}–${formatClock(m.end)}` })}
                </button>
              ))}
              {missed.length > 4 && <span className="muted">{t('pro.more', { count: missed.length - 4 })}</span>}
            </div>
          )}
          {speakerIds.length > 0 && (
            <div className="speakers">
              <span className="muted">{t('editor.speakers')}:</span>
              {speakerIds.map((sid) => (
                <input
                  key={`${sid}-${state.track.speakers.find((s) => s.id === sid)?.name}`}
                  className={`spk-${sid % 8}`}
                  aria-label={`${t('editor.speakers')} ${sid + 1}`}
                  defaultValue={speakerName(state.track, sid)}
                  onBlur={(e) => dispatch({ type: 'renameSpeaker', id: sid, name: e.target.value })}
                  onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
                />
              ))}
            </div>
          )}
          {proposal && (
            <div className="side-tools" role="alert" data-testid="hotword-proposal">
              <span style={{ flex: 1 }}>{t('editor.propose', { term: proposal })}</span>
              <button className="btn small primary" onClick={() => void decide(true)}>
                {t('editor.add')}
              </button>
              <button className="btn small" onClick={() => void decide(false)}>
                {t('editor.notNow')}
              </button>
            </div>
          )}
          <CueList
            track={state.track}
            preset={state.preset}
            frameRate={frameRate}
            selected={state.selected}
            multi={state.multi}
            activeIndex={activeIndex}
            findings={findings}
            highlights={highlights}
            current={matchList[current] ?? null}
            dispatch={edit}
            seek={seek}
            editing={editing}
            setEditing={setEditing}
            notify={notify}
            translation={tr.column}
            trEditing={tr.editing}
            setTrEditing={tr.setEditing}
          />
        </div>
      </div>
      {exporting && <ExportDialog id={id} track={state.track} preset={state.preset} defaults={exportDefaults} onClose={() => setExporting(false)} notify={notify} translations={tr.languages} shownTranslation={tr.column?.lang ?? null} />}
      {translating && (
        <TranslateDialog
          transcriptId={id}
          sourceLang={tr.sourceLang}
          selected={chosen}
          jobs={tr.jobs}
          setJobs={tr.setJobs}
          settings={exportDefaults}
          names={state.track.speakers.map((sp) => sp.name).filter((n) => !/^Speaker \d+$/.test(n))}
          onClose={() => setTranslating(false)}
          notify={notify}
        />
      )}
      {showKeys && (
        <KeymapDialog
          keymap={keymap}
          onClose={() => setShowKeys(false)}
          onSave={async (next) => {
            await api.call('editor:keymap:set', { bindings: changedBindings(next) });
            setKeymap(next);
            notify(t('keys.saved'));
          }}
        />
      )}
    </>
  );
}

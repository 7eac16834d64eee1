import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output, SettingsView } from '@shared/ipc/contract';
import { useApi } from '../../app/api';
import { fromBase64 } from '../../app/format';
import { CueList } from './CueList';
import { ExportDialog } from './ExportDialog';
import { speakerName } from '@shared/captions/model';
import { correctedTerms } from '@shared/corrections';
import { LanguageSwitch } from './LanguageSwitch';
import { createAutosave, cueAt, editorReducer, initEditor, type EditorAction, type EditorState } from './state';
import { createQcCache } from './qc-cache';
import { Waveform, type PeakData } from './Waveform';

type Loaded = Output<'transcript:get'>;

export function EditorScreen({ id, startAt, back, notify, exportDefaults }: { id: string; startAt?: number | undefined; back: () => void; notify: (m: string) => void; exportDefaults: SettingsView | null }) {
  const api = useApi();
  const [doc, setDoc] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    api.call('transcript:get', { id }).then(setDoc, (e: Error) => setError(e.message));
  }, [api, id, generation]);
  if (error) return <p className="empty error-text">{error}</p>;
  if (!doc) return <p className="empty">…</p>;
  return <Editor key={`${doc.meta.presetId} ${doc.meta.updatedAt}`} doc={doc} startAt={startAt} back={back} notify={notify} exportDefaults={exportDefaults} reload={() => setGeneration((g) => g + 1)} />;
}

function Editor({ doc, startAt, back, notify, exportDefaults, reload }: { doc: Loaded; startAt?: number | undefined; back: () => void; notify: (m: string) => void; exportDefaults: SettingsView | null; reload: () => void }) {
  const api = useApi();
  const { t } = useTranslation();
  const [state, dispatch] = useReducer(editorReducer, undefined, (): EditorState => initEditor(doc.track, doc.meta.presetId));
  const media = useRef<HTMLVideoElement & HTMLAudioElement>(null);
  const [time, setTime] = useState(startAt ?? 0);
  const [playing, setPlaying] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [saveState, setSaveState] = useState<'saved' | 'saving' | string>('saved');
  const [peaks, setPeaks] = useState<PeakData | null>(null);
  const [peaksFailed, setPeaksFailed] = useState(false);
  const [find, setFind] = useState('');
  const [replace, setReplace] = useState('');
  const [exporting, setExporting] = useState(false);
  const [proposal, setProposal] = useState<string | null>(null);
  const id = doc.meta.id;

  // Every change is saved at once; the queue keeps saves in order and one at a time.
  const autosave = useMemo(
    () =>
      createAutosave(
        async (track) => {
          setSaveState('saving');
          await api.call('transcript:save', { id, track });
          setSaveState('saved');
        },
        (e) => setSaveState((e as Error).message),
      ),
    [api, id],
  );
  useEffect(() => {
    if (state.version) autosave.push(state.version, state.track);
  }, [state.version, state.track, autosave]);

  useEffect(() => {
    if (!doc.mediaUrl) return;
    let live = true;
    api.call('media:peaks', { id }).then(
      (p) => live && setPeaks({ perSecond: p.perSecond, data: new Int8Array(fromBase64(p.peaks).buffer) }),
      () => live && setPeaksFailed(true), // the editor works without a waveform
    );
    return () => {
      live = false;
    };
  }, [api, id, doc.mediaUrl]);

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

  const seek = useCallback((ms: number) => {
    setTime(ms);
    if (media.current) media.current.currentTime = ms / 1000;
  }, []);

  // Text edits feed the correction counter; a term typed in more than once is proposed as a hotword.
  const edit = useCallback(
    (a: EditorAction) => {
      if (a.type === 'setText') {
        const cue = state.track.cues.find((c) => c.id === a.id);
        const terms = cue ? correctedTerms(cue.lines.join(' '), a.text) : [];
        if (terms.length) api.call('corrections:record', { terms }).then((r) => r.proposals[0] && setProposal(r.proposals[0]), () => undefined);
      }
      dispatch(a);
    },
    [api, state.track.cues],
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
  // Selection follows playback while playing.
  useEffect(() => {
    const cue = state.track.cues[activeIndex];
    if (playing && cue && cue.id !== state.selected && !editing) dispatch({ type: 'select', id: cue.id });
  }, [activeIndex, playing, state.track.cues, state.selected, editing]);

  const qc = useMemo(createQcCache, []);
  const findings = useMemo(() => qc(state.track.cues, state.preset), [qc, state.track.cues, state.preset]);
  const fixable = [...findings.values()].flat().filter((f) => f.safe && f.fix && f.fix.kind !== 'split').length;

  const selectedIndex = state.track.cues.findIndex((c) => c.id === state.selected);
  const selected = state.track.cues[selectedIndex];

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing = (e.target as HTMLElement).matches('textarea, input, select');
      const mod = e.ctrlKey || e.metaKey;
      const step = (d: number) => {
        const next = state.track.cues[Math.min(state.track.cues.length - 1, Math.max(0, selectedIndex + d))];
        if (next) {
          dispatch({ type: 'select', id: next.id });
          seek(next.start);
        }
      };
      if (mod && e.key === ' ') {
        e.preventDefault();
        const m = media.current;
        if (m) void (m.paused ? m.play() : m.pause());
      } else if (mod && !e.shiftKey && e.key.toLowerCase() === 'z' && !typing) {
        e.preventDefault();
        dispatch({ type: 'undo' });
      } else if (mod && (e.key.toLowerCase() === 'y' || (e.shiftKey && e.key.toLowerCase() === 'z')) && !typing) {
        e.preventDefault();
        dispatch({ type: 'redo' });
      } else if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
        e.preventDefault();
        step(e.key === 'ArrowUp' ? -1 : 1);
      } else if (e.altKey && (e.key === 'ArrowLeft' || e.key === 'ArrowRight') && selected) {
        e.preventDefault();
        dispatch({ type: 'nudge', id: selected.id, edge: e.shiftKey ? 'end' : 'start', deltaMs: e.key === 'ArrowLeft' ? -100 : 100 });
      } else if (typing) return;
      else if (e.key === 'Enter' && selected) {
        e.preventDefault();
        setEditing(selected.id);
      } else if (mod && e.key.toLowerCase() === 'm' && selected) {
        e.preventDefault();
        dispatch({ type: 'mergeNext', id: selected.id });
      } else if (mod && e.key.toLowerCase() === 'i') {
        e.preventDefault();
        dispatch({ type: 'insert', at: time });
      } else if ((e.key === 'Delete' || e.key === 'Backspace') && selected) {
        e.preventDefault();
        dispatch({ type: 'delete', ids: [selected.id] });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [state.track.cues, selectedIndex, selected, seek, time]);

  const overlay = state.track.cues[activeIndex];
  const speakerIds = [...new Set(state.track.cues.map((c) => c.speaker).filter((s): s is number => s !== undefined))];
  return (
    <>
      <div className="toolbar">
        <button className="btn" onClick={back}>
          ← {t('editor.back')}
        </button>
        <h1 title={doc.meta.sourcePath ?? ''}>{doc.meta.title}</h1>
        <LanguageSwitch id={doc.meta.id} language={doc.meta.language} presetId={doc.meta.presetId} flush={() => autosave.flush()} reload={reload} notify={notify} />
        <button className="btn" onClick={() => dispatch({ type: 'undo' })} disabled={!state.past.length} title="Ctrl+Z">
          {t('editor.undo')}
        </button>
        <button className="btn" onClick={() => dispatch({ type: 'redo' })} disabled={!state.future.length} title="Ctrl+Y">
          {t('editor.redo')}
        </button>
        <button className="btn" disabled={!selected} onClick={() => selected && dispatch({ type: 'split', id: selected.id, at: { word: Math.floor(selected.words.length / 2) } })}>
          {t('editor.split')}
        </button>
        <button className="btn" disabled={!selected} onClick={() => selected && dispatch({ type: 'mergeNext', id: selected.id })} title="Ctrl+M">
          {t('editor.merge')}
        </button>
        <button className="btn" onClick={() => dispatch({ type: 'insert', at: time })} title="Ctrl+I">
          {t('editor.insert')}
        </button>
        <button className="btn danger" disabled={!selected} onClick={() => selected && dispatch({ type: 'delete', ids: [selected.id] })} title="Delete">
          {t('editor.del')}
        </button>
        <div className="grow" />
        <span className="saved" role="status" data-testid="save-state">
          {saveState === 'saved' ? t('editor.saved') : saveState === 'saving' ? t('editor.saving') : t('editor.saveFailed', { msg: saveState })}
        </span>
        <button className="btn" title={t('editor.shortcutHelp')} aria-label={t('editor.shortcuts')}>
          ⌨
        </button>
        <button className="btn primary" onClick={() => setExporting(true)}>
          {t('common.export')}
        </button>
      </div>
      <div className="editor">
        <div className="player">
          {doc.mediaUrl ? (
            doc.mediaKind === 'video' ? (
              <video ref={media} src={doc.mediaUrl} controls preload="metadata" onTimeUpdate={(e) => setTime(e.currentTarget.currentTime * 1000)} onPlay={() => setPlaying(true)} onPause={() => setPlaying(false)} />
            ) : (
              <audio ref={media} src={doc.mediaUrl} controls preload="metadata" onTimeUpdate={(e) => setTime(e.currentTarget.currentTime * 1000)} onPlay={() => setPlaying(true)} onPause={() => setPlaying(false)} />
            )
          ) : (
            <p className="muted">{t('editor.noMedia')}</p>
          )}
          {overlay && doc.mediaKind === 'video' && (
            <div className="overlay" aria-hidden>
              <span>{overlay.lines.join('\n')}</span>
            </div>
          )}
        </div>
        <Waveform peaks={peaks} loading={Boolean(doc.mediaUrl) && !peaksFailed} track={state.track} selected={state.selected} time={time} durationMs={doc.meta.durationMs} dispatch={dispatch} seek={seek} />
        <div className="side">
          <div className="side-tools">
            <input
              type="search"
              placeholder={t('editor.find')}
              aria-label={t('editor.find')}
              title={t('editor.findHelp')}
              value={find}
              onChange={(e) => setFind(e.target.value)}
              onKeyDown={(e) => {
                if (e.key !== 'Enter' || !find) return;
                // Enter jumps to the next cue containing the text (Shift+Enter: previous), wrapping around.
                const cues = state.track.cues;
                const needle = find.toLowerCase();
                const dir = e.shiftKey ? -1 : 1;
                for (let i = 1; i <= cues.length; i++) {
                  const k = (selectedIndex + dir * i + cues.length * 2) % cues.length;
                  const c = cues[k];
                  if (c && c.lines.join(' ').toLowerCase().includes(needle)) {
                    dispatch({ type: 'select', id: c.id });
                    seek(c.start);
                    return;
                  }
                }
                notify(t('editor.notFound', { q: find }));
              }}
            />
            <input type="text" placeholder={t('editor.replace')} aria-label={t('editor.replace')} value={replace} onChange={(e) => setReplace(e.target.value)} />
            <button
              className="btn small"
              disabled={!find}
              onClick={() => {
                dispatch({ type: 'replaceAll', find, replacement: replace });
              }}
            >
              {t('editor.replaceAll')}
            </button>
            <div className="grow" style={{ flex: 1 }} />
            <button className="btn small" disabled={!fixable} onClick={() => dispatch({ type: 'fixAll' })}>
              {t('editor.fixAll', { count: fixable })}
            </button>
          </div>
          {speakerIds.length > 0 && (
            <div className="speakers">
              <span className="muted">{t('editor.speakers')}:</span>
              {speakerIds.map((sid) => (
                <input
                  key={`${sid}-${state.track.speakers.find((s) => s.id === sid)?.name}`}
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
          <CueList track={state.track} selected={state.selected} activeIndex={activeIndex} findings={findings} dispatch={edit} seek={seek} editing={editing} setEditing={setEditing} />
        </div>
      </div>
      {exporting && <ExportDialog id={id} track={state.track} preset={state.preset} defaults={exportDefaults} onClose={() => setExporting(false)} notify={notify} />}
    </>
  );
}

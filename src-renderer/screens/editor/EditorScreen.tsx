import { useEffect, useRef, useState } from 'react';
import type { SettingsView } from '@shared/ipc/contract';
import { formatClock } from '@shared/formats/timecode';
import { useApi } from '../../app/api';
import { CueList } from './CueList';
import { EditorDialogs, useEditorDialogs } from './EditorDialogs';
import { EditorToolbar } from './EditorToolbar';
import { FindBar, type FindBarHandle } from './FindBar';
import { HotwordProposal } from './HotwordProposal';
import { DEFAULT_KEYMAP, keyLabel, mergeKeymap, type CommandId, type Keymap } from './keymap';
import { MissedSpeech } from './MissedSpeech';
import { Player } from './Player';
import type { SelectionToolsHandle } from './SelectionTools';
import { SideTools } from './SideTools';
import { SpeakerNames } from './SpeakerNames';
import { cueAt, selection } from './state';
import { Transport } from './Transport';
import { useCommands } from './useCommands';
import { useCorrections } from './useCorrections';
import { useCueFocus } from './useCueFocus';
import { useEditorDocument, type Loaded } from './useEditorDocument';
import { useFind } from './useFind';
import { useMediaAnalysis } from './useMediaAnalysis';
import { usePlayback } from './usePlayback';
import { useQc } from './useQc';
import { useShortcuts } from './useShortcuts';
import { useSpectrogram } from './useSpectrogram';
import { DEFAULT_WINDOW_MS, Waveform } from './Waveform';
import type { Notify } from '../../app/errors';
import { ErrorLine } from '../../components/ErrorLine';

export function EditorScreen({ id, startAt, back, notify, exportDefaults, onSettings }: { id: string; startAt?: number | undefined; back: () => void; notify: Notify; exportDefaults: SettingsView | null; onSettings?: (s: SettingsView) => void }) {
  const api = useApi();
  const [doc, setDoc] = useState<Loaded | null>(null);
  const [keymap, setKeymap] = useState<Keymap | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    api.call('transcript:get', { id }).then(setDoc, setError);
    api.call('editor:keymap:get', {}).then((k) => setKeymap(mergeKeymap(k.bindings)), () => setKeymap(DEFAULT_KEYMAP));
  }, [api, id, generation]);
  if (error !== null) return <ErrorLine error={error} className="empty" />;
  if (!doc || !keymap) return <p className="empty">…</p>;
  return <Editor key={`${doc.meta.presetId} ${doc.meta.updatedAt}`} doc={doc} keymap={keymap} setKeymap={setKeymap} startAt={startAt} back={back} notify={notify} exportDefaults={exportDefaults} onSettings={onSettings} reload={() => setGeneration((g) => g + 1)} />;
}

interface EditorProps {
  doc: Loaded;
  keymap: Keymap;
  setKeymap: (k: Keymap) => void;
  startAt?: number | undefined;
  back: () => void;
  notify: Notify;
  exportDefaults: SettingsView | null;
  onSettings?: ((s: SettingsView) => void) | undefined;
  reload: () => void;
}

/** The editor: composes the document, the media, playback, find, QC and the commands with the panes that show them. */
function Editor({ doc, keymap, setKeymap, startAt, back, notify, exportDefaults, onSettings, reload }: EditorProps) {
  const id = doc.meta.id;
  const findBar = useRef<FindBarHandle>(null);
  const tools = useRef<SelectionToolsHandle>(null);
  const [windowMs, setWindowMs] = useState(DEFAULT_WINDOW_MS);
  const spectro = useSpectrogram(id, Boolean(doc.mediaUrl), exportDefaults, onSettings, notify);
  const { state, dispatch, tr, saveState, flush, saveAll } = useEditorDocument(doc, notify);
  const { peaks, peaksLoading, analysis, shots } = useMediaAnalysis(id, doc.mediaUrl, doc.mediaKind);
  const { findings, fixable, missed } = useQc(state.track.cues, state.preset, analysis?.speech ?? null);
  const frameRate = analysis?.frameRate ?? state.preset.frameRate;
  const cues = state.track.cues;
  const selectedIndex = cues.findIndex((c) => c.id === state.selected);
  const selected = cues[selectedIndex];
  const chosen = selection(state);
  const play = usePlayback({ startAt, selected, frameRate });
  const { time, seek } = play;
  const activeIndex = cueAt(cues, time);
  const { editing, setEditing } = useCueFocus({ state, dispatch, startAt, media: play.media, activeIndex });
  const find = useFind({ cues, selectedIndex, dispatch, seek, notify });
  const corrections = useCorrections(cues, dispatch, notify);
  const dialogs = useEditorDialogs(saveAll, notify);
  const run = useCommands({ state, dispatch, selected, selectedIndex, chosen, activeIndex, play, setEditing, undo: tr.undo, redo: tr.redo, findBar, goMatch: find.go, tools, windowMs, setWindowMs, addToDictionary: corrections.addToDictionary, showKeys: dialogs.openKeys, notify });
  useShortcuts(keymap, run, dialogs.blocked);

  const speakerIds = [...new Set(cues.map((c) => c.speaker).filter((s): s is number => s !== undefined))];
  const audioOnly = !doc.mediaUrl || doc.mediaKind === 'audio';
  const k = (c: CommandId) => keyLabel(keymap[c]);
  return (
    <>
      <EditorToolbar doc={doc} track={state.track} run={run} k={k} canUndo={tr.canUndo} canRedo={tr.canRedo} hasSelected={Boolean(selected)} chosenCount={chosen.length} saveState={saveState} trSaving={tr.saving} flush={flush} back={back} reload={reload} notify={notify} onKeys={dialogs.openKeys} onExport={() => void dialogs.openExport()} />
      <div className={`editor${audioOnly ? ' audio-only' : ''}`}>
        <Player doc={doc} media={play.media} overlay={cues[activeIndex]} onTime={play.onTime}>
          <Transport play={play} run={run} k={k} hasSelected={Boolean(selected)} />
        </Player>
        <Waveform
          peaks={peaks}
          loading={peaksLoading}
          track={state.track}
          selected={state.selected}
          findings={findings}
          missed={missed}
          shots={shots}
          time={time}
          durationMs={Math.max(doc.meta.durationMs, cues.at(-1)?.end ?? 0)}
          clock={`${formatClock(time)}.${String(Math.round(time) % 1000).padStart(3, '0')}${analysis?.frameRate ? ` · ${Math.round(analysis.frameRate * 1000) / 1000} fps` : ''}`}
          windowMs={windowMs}
          setWindowMs={setWindowMs}
          dispatch={dispatch}
          seek={seek}
          spectro={spectro}
        />
        <div className="side">
          <FindBar ref={findBar} find={find.find} setFind={find.setFind} matches={find.matches} current={find.current} go={find.go} replaceOne={find.replaceOne} replaceAll={find.replaceAll} />
          <SideTools id={id} track={state.track} hasMedia={Boolean(doc.mediaUrl)} chosen={chosen} selectedId={selected?.id ?? null} frameRate={frameRate} speakerIds={speakerIds} fixable={fixable} tools={tools} tr={tr} onTranslate={dialogs.openTranslate} dispatch={dispatch} notify={notify} />
          <MissedSpeech missed={missed} seek={seek} />
          <SpeakerNames track={state.track} speakerIds={speakerIds} dispatch={dispatch} />
          {corrections.proposal && <HotwordProposal term={corrections.proposal} decide={corrections.decide} />}
          <CueList
            track={state.track}
            preset={state.preset}
            frameRate={frameRate}
            selected={state.selected}
            multi={state.multi}
            activeIndex={activeIndex}
            findings={findings}
            highlights={find.highlights}
            current={find.currentMatch}
            dispatch={corrections.edit}
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
      <EditorDialogs dialogs={dialogs} id={id} state={state} tr={tr} chosen={chosen} keymap={keymap} setKeymap={setKeymap} settings={exportDefaults} notify={notify} />
    </>
  );
}

import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { Cue } from '@shared/captions/model';
import type { FindBarHandle } from './FindBar';
import type { CommandId } from './keymap';
import type { SelectionToolsHandle } from './SelectionTools';
import type { EditorAction, EditorState } from './state';
import type { usePlayback } from './usePlayback';
import { zoomed } from './Waveform';
import type { Notify } from '../../app/errors';

interface Options {
  state: EditorState;
  dispatch: (a: EditorAction) => void;
  selected: Cue | undefined;
  selectedIndex: number;
  /** The cues the selection tools act on. */
  chosen: string[];
  /** The cue under the playhead. */
  activeIndex: number;
  play: ReturnType<typeof usePlayback>;
  setEditing: (id: string | null) => void;
  undo: () => void;
  redo: () => void;
  findBar: RefObject<FindBarHandle | null>;
  goMatch: (dir: 1 | -1) => void;
  tools: RefObject<SelectionToolsHandle | null>;
  windowMs: number;
  setWindowMs: (ms: number) => void;
  addToDictionary: () => Promise<void>;
  showKeys: () => void;
  notify: Notify;
}

/** What each editor command does (the keymap's table of commands): run by shortcuts and buttons alike. */
export function useCommands(o: Options): Record<CommandId, () => void> {
  const { t } = useTranslation();
  const { state, dispatch, selected, selectedIndex, chosen, play } = o;
  const time = play.time;
  const splitHere = () => {
    // At the playhead when it is inside the selected cue; otherwise the cue under the playhead.
    const cue = selected && time > selected.start && time < selected.end ? selected : state.track.cues[o.activeIndex];
    if (cue) dispatch({ type: 'split', id: cue.id, at: { time: Math.round(time) } });
    else o.notify(t('pro.splitNoCue'));
  };
  const step = (d: number) => {
    const next = state.track.cues[Math.min(state.track.cues.length - 1, Math.max(0, selectedIndex + d))];
    if (next) {
      dispatch({ type: 'select', id: next.id });
      play.seek(next.start);
    }
  };
  return {
    playPause: play.playPause,
    playCue: () => play.playCue(),
    loopCue: play.toggleLoop,
    slower: play.slower,
    faster: play.faster,
    frameBack: () => play.frame(-1),
    frameForward: () => play.frame(1),
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
    editText: () => selected && o.setEditing(selected.id),
    split: splitHere,
    merge: () => selected && dispatch({ type: 'mergeNext', id: selected.id }),
    insert: () => dispatch({ type: 'insert', at: time }),
    delete: () => chosen.length && dispatch({ type: 'delete', ids: chosen }),
    undo: o.undo,
    redo: o.redo,
    find: () => o.findBar.current?.focusFind(),
    replace: () => o.findBar.current?.focusReplace(),
    findNext: () => o.goMatch(1),
    findPrev: () => o.goMatch(-1),
    zoomIn: () => o.setWindowMs(zoomed(o.windowMs, 0.5)),
    zoomOut: () => o.setWindowMs(zoomed(o.windowMs, 2)),
    selectAll: () => dispatch({ type: 'selectAll' }),
    stretch: () => o.tools.current?.focusStretch(),
    addToDictionary: () => void o.addToDictionary(),
    help: o.showKeys,
  };
}

import { useEffect, useRef, useState, type RefObject } from 'react';
import { cueAt, type EditorAction, type EditorState } from './state';

interface Options {
  state: EditorState;
  dispatch: (a: EditorAction) => void;
  /** Opened from a search hit at this moment. */
  startAt: number | undefined;
  media: RefObject<HTMLMediaElement | null>;
  /** The cue under the playhead. */
  activeIndex: number;
}

/**
 * Which cue has the user's attention: the one at the search hit the editor was opened from, a cue
 * just inserted or drawn (it opens for typing), and the selection following the playhead.
 */
export function useCueFocus({ state, dispatch, startAt, media, activeIndex }: Options) {
  const [editing, setEditing] = useState<string | null>(null);

  // Opened from a search hit: select the cue at that moment and cue the player there (once).
  const opened = useRef(false);
  useEffect(() => {
    if (opened.current || startAt === undefined) return;
    opened.current = true;
    const k = cueAt(state.track.cues, startAt);
    const cue = state.track.cues[k] ?? state.track.cues.find((c) => c.start >= startAt);
    if (cue) dispatch({ type: 'select', id: cue.id });
    if (media.current) media.current.currentTime = startAt / 1000;
  }, [startAt, state.track.cues, dispatch, media]);

  // A cue just inserted or drawn opens for typing.
  useEffect(() => {
    if (!state.editRequest) return;
    setEditing(state.editRequest);
    dispatch({ type: 'editHandled' });
  }, [state.editRequest, dispatch]);

  // Selection follows the playhead (playing, or moved on the player or the waveform) into the next cue.
  const followed = useRef(-1);
  useEffect(() => {
    if (activeIndex === followed.current) return;
    followed.current = activeIndex;
    const cue = state.track.cues[activeIndex];
    if (cue && cue.id !== state.selected && !editing && state.multi.length < 2) dispatch({ type: 'select', id: cue.id });
  }, [activeIndex, state.track.cues, state.selected, state.multi.length, editing, dispatch]);

  return { editing, setEditing };
}

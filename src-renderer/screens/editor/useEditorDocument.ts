import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { Output } from '@shared/ipc/contract';
import { useApi } from '../../app/api';
import { keepSession, resumeSession } from './session';
import { createAutosave, editorReducer, initEditor, type EditorState } from './state';
import { useTranslations } from './translation/useTranslations';
import { useErrorText, type Notify } from '../../app/errors';

export type Loaded = Output<'transcript:get'>;

/**
 * The transcript being edited: its state and undo history (kept for the session, so coming back
 * to it can still undo), every change saved at once, and its translations (issue #11), which share
 * that history and are stored only onto cues the saved track has.
 */
export function useEditorDocument(doc: Loaded, notify: Notify) {
  const api = useApi();
  const errorText = useErrorText();
  const id = doc.meta.id;
  const [state, dispatch] = useReducer(editorReducer, undefined, (): EditorState => resumeSession(id, doc.track, () => initEditor(doc.track, doc.meta.presetId)));
  const [saveState, setSaveState] = useState<'saved' | 'saving' | string>('saved');
  // Every change is saved at once; the queue keeps saves in order and one at a time.
  const autosave = useMemo(
    () =>
      createAutosave(
        async (track) => {
          setSaveState('saving');
          try {
            await api.call('transcript:save', { id, track });
          } catch (e) {
            setSaveState(errorText(e));
            throw e;
          }
          setSaveState('saved');
        },
        () => undefined,
      ),
    [api, id, errorText],
  );
  const latest = useRef(state);
  latest.current = state;
  // Translations: the column beside the source, sharing one undo history with it.
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

  useEffect(() => keepSession(id, state), [id, state]);

  useEffect(() => {
    if (state.version) autosave.push(state.version, state.track);
  }, [state.version, state.track, autosave]);

  return {
    state,
    dispatch,
    tr,
    /** 'saved', 'saving' or why the last save failed. */
    saveState,
    /** Waits for the saves under way. */
    flush: () => autosave.flush(),
    /** Resolves once what is on screen is stored (saved again if a save failed), translations included. */
    saveAll: async () => {
      await autosave.ensure(state.version, state.track);
      await tr.flush();
    },
  };
}

/**
 * One undo history for the source track and its translation. The editor's reducer keeps the
 * track's history; translation edits keep their own; this log records which of the two each
 * step was, so Ctrl+Z always takes back the latest change whichever column it was made in.
 */
export interface TranslationEdit {
  lang: string;
  cueId: string;
  /** The cue's lines before the edit (empty when it had no translation). */
  before: string[];
  after: string[];
}

type Step = 'track' | 'translation';

export interface UndoLog {
  undo: Step[];
  redo: Step[];
  past: TranslationEdit[];
  future: TranslationEdit[];
}

export const emptyLog = (): UndoLog => ({ undo: [], redo: [], past: [], future: [] });

const LIMIT = 400;

/** The source track changed by an edit (not by undo or redo). */
export const recordTrackEdit = (log: UndoLog): UndoLog => ({ ...log, undo: [...log.undo.slice(-(LIMIT - 1)), 'track'], redo: [], future: [] });

/** A translation cue changed. */
export const recordTranslationEdit = (log: UndoLog, edit: TranslationEdit): UndoLog => ({
  undo: [...log.undo.slice(-(LIMIT - 1)), 'translation'],
  redo: [],
  past: [...log.past.slice(-(LIMIT - 1)), edit],
  future: [],
});

export type UndoResult = { log: UndoLog; apply: { kind: 'track' } | { kind: 'translation'; lang: string; cueId: string; lines: string[] } } | null;

/**
 * The step to take back. `trackCanUndo` says whether the editor has history: a session resumed
 * with track history but an empty log still undoes the track.
 */
export function undoStep(log: UndoLog, trackCanUndo: boolean): UndoResult {
  const step = log.undo.at(-1) ?? (trackCanUndo ? 'track' : undefined);
  if (step === 'translation') {
    const edit = log.past.at(-1);
    if (!edit) return null;
    return { log: { undo: log.undo.slice(0, -1), redo: [...log.redo, 'translation'], past: log.past.slice(0, -1), future: [edit, ...log.future] }, apply: { kind: 'translation', lang: edit.lang, cueId: edit.cueId, lines: edit.before } };
  }
  if (step === 'track' && trackCanUndo) return { log: { ...log, undo: log.undo.slice(0, -1), redo: [...log.redo, 'track'] }, apply: { kind: 'track' } };
  return null;
}

export function redoStep(log: UndoLog, trackCanRedo: boolean): UndoResult {
  const step = log.redo.at(-1) ?? (trackCanRedo ? 'track' : undefined);
  if (step === 'translation') {
    const [edit, ...rest] = log.future;
    if (!edit) return null;
    return { log: { undo: [...log.undo, 'translation'], redo: log.redo.slice(0, -1), past: [...log.past, edit], future: rest }, apply: { kind: 'translation', lang: edit.lang, cueId: edit.cueId, lines: edit.after } };
  }
  if (step === 'track' && trackCanRedo) return { log: { ...log, undo: [...log.undo, 'track'], redo: log.redo.slice(0, -1) }, apply: { kind: 'track' } };
  return null;
}

/**
 * One undo history for the source track and its translation. The editor's reducer keeps the
 * track's history; translation edits keep their own; this log records which of the two each
 * step was, so Ctrl+Z always takes back the latest change whichever column it was made in. A
 * track step carries the translation changes its operation made (a split cue's translation
 * divided, merged ones joined, a deleted one removed), so one undo takes back both.
 */
export interface TranslationEdit {
  lang: string;
  cueId: string;
  /** The cue's lines before the edit (empty when it had no translation). */
  before: string[];
  after: string[];
}

export type Step = { kind: 'track'; carried: TranslationEdit[] } | { kind: 'translation'; edit: TranslationEdit };

export interface UndoLog {
  undo: Step[];
  redo: Step[];
}

export const emptyLog = (): UndoLog => ({ undo: [], redo: [] });

const LIMIT = 400;

/** The source track changed by an edit (not by undo or redo), with the translations it carried along. */
export const recordTrackEdit = (log: UndoLog, carried: TranslationEdit[] = []): UndoLog => ({ undo: [...log.undo.slice(-(LIMIT - 1)), { kind: 'track', carried }], redo: [] });

/** A translation cue changed. */
export const recordTranslationEdit = (log: UndoLog, edit: TranslationEdit): UndoLog => ({ undo: [...log.undo.slice(-(LIMIT - 1)), { kind: 'translation', edit }], redo: [] });

/** A translation cue to set to these lines (empty: remove its translation). */
export interface TranslationPut {
  lang: string;
  cueId: string;
  lines: string[];
}

export type UndoResult = { log: UndoLog; apply: { kind: 'track'; translations: TranslationPut[] } | ({ kind: 'translation' } & TranslationPut) } | null;

const put = (e: TranslationEdit, dir: 'undo' | 'redo'): TranslationPut => ({ lang: e.lang, cueId: e.cueId, lines: dir === 'undo' ? e.before : e.after });

/**
 * The step to take back. `trackCanUndo` says whether the editor has history: a session resumed
 * with track history but an empty log still undoes the track.
 */
export function undoStep(log: UndoLog, trackCanUndo: boolean): UndoResult {
  const step: Step | undefined = log.undo.at(-1) ?? (trackCanUndo ? { kind: 'track', carried: [] } : undefined);
  if (!step || (step.kind === 'track' && !trackCanUndo)) return null;
  const next = { undo: log.undo.slice(0, -1), redo: [...log.redo, step] };
  if (step.kind === 'translation') return { log: next, apply: { kind: 'translation', ...put(step.edit, 'undo') } };
  return { log: next, apply: { kind: 'track', translations: step.carried.map((e) => put(e, 'undo')) } };
}

export function redoStep(log: UndoLog, trackCanRedo: boolean): UndoResult {
  const step: Step | undefined = log.redo.at(-1) ?? (trackCanRedo ? { kind: 'track', carried: [] } : undefined);
  if (!step || (step.kind === 'track' && !trackCanRedo)) return null;
  const next = { undo: [...log.undo, step], redo: log.redo.slice(0, -1) };
  if (step.kind === 'translation') return { log: next, apply: { kind: 'translation', ...put(step.edit, 'redo') } };
  return { log: next, apply: { kind: 'track', translations: step.carried.map((e) => put(e, 'redo')) } };
}

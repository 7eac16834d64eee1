import { describe, expect, it } from 'vitest';
import { emptyLog, recordTrackEdit, recordTranslationEdit, redoStep, undoStep } from '../../src-renderer/screens/editor/translation/history';

const edit = (cueId: string, before: string[], after: string[]) => ({ lang: 'en', cueId, before, after });

describe('one undo history for the source and its translation', () => {
  it('undoes the latest change whichever column it was in, and redoes in order', () => {
    let log = recordTrackEdit(emptyLog());
    log = recordTranslationEdit(log, edit('c1', ['Hello.'], ['Hi.']));
    log = recordTrackEdit(log);
    let r = undoStep(log, true);
    expect(r?.apply).toEqual({ kind: 'track', translations: [] });
    r = undoStep(r!.log, true);
    expect(r?.apply).toEqual({ kind: 'translation', lang: 'en', cueId: 'c1', lines: ['Hello.'] });
    const afterTwo = r!.log;
    r = undoStep(afterTwo, true);
    expect(r?.apply).toEqual({ kind: 'track', translations: [] });
    expect(undoStep(r!.log, false)).toBeNull();
    // Redo walks forward again: the translation first, then the track edit made after it.
    let f = redoStep(afterTwo, true);
    expect(f?.apply).toEqual({ kind: 'translation', lang: 'en', cueId: 'c1', lines: ['Hi.'] });
    f = redoStep(f!.log, true);
    expect(f?.apply).toEqual({ kind: 'track', translations: [] });
    expect(redoStep(f!.log, false)).toBeNull();
  });
  it('a new edit drops what could be redone', () => {
    let log = recordTranslationEdit(emptyLog(), edit('c1', [], ['One.']));
    log = undoStep(log, false)!.log;
    expect(log.redo).toHaveLength(1);
    log = recordTrackEdit(log);
    expect(log.redo).toEqual([]);
    expect(redoStep(log, false)).toBeNull();
  });
  it('falls back to the track history when a resumed session has no log', () => {
    expect(undoStep(emptyLog(), true)?.apply).toEqual({ kind: 'track', translations: [] });
    expect(undoStep(emptyLog(), false)).toBeNull();
    expect(redoStep(emptyLog(), true)?.apply).toEqual({ kind: 'track', translations: [] });
  });
});

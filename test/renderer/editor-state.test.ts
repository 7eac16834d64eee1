import { describe, expect, it } from 'vitest';
import { resolvePreset } from '../../src-main/shared/captions/presets';
import { buildTrack } from '../../src-main/shared/captions/segment';
import { createAutosave, cueAt, editorReducer, initEditor, type EditorAction, type EditorState } from '../../src-renderer/screens/editor/state';
import { fakeResult } from '../helpers/funasr';
import type { Track } from '../../src-main/shared/captions/model';

const track = buildTrack(fakeResult([{ text: 'One two three four five six.' }, { text: 'Seven eight nine.', pauseBefore: 2000 }], { diarize: true }), resolvePreset('netflix-en'));
const run = (s: EditorState, ...actions: EditorAction[]) => actions.reduce(editorReducer, s);
const texts = (s: EditorState) => s.track.cues.map((c) => c.lines.join(' '));

describe('editor state', () => {
  it('edits text, then undoes and redoes it exactly', () => {
    const s0 = initEditor(track, 'netflix-en');
    const s1 = run(s0, { type: 'setText', id: 'c1', text: 'Edited text' });
    expect(texts(s1)[0]).toBe('Edited text');
    expect(s1.version).toBe(1);
    const s2 = run(s1, { type: 'undo' });
    expect(s2.track).toBe(track);
    expect(s2.version).toBe(2); // undo is a change the autosave must persist too
    const s3 = run(s2, { type: 'redo' });
    expect(texts(s3)[0]).toBe('Edited text');
    expect(run(s3, { type: 'redo' })).toBe(s3); // nothing left to redo
    // A new edit after an undo drops the redo branch.
    const s4 = run(s2, { type: 'setText', id: 'c2', text: 'Other' });
    expect(s4.future).toEqual([]);
    // Setting the same text is not an edit.
    expect(run(s0, { type: 'setText', id: 'c1', text: track.cues[0]!.lines.join('\n') })).toBe(s0);
  });

  it('splits at a word and merges back, selecting the new cue', () => {
    const s0 = initEditor(track, 'netflix-en');
    const split = run(s0, { type: 'split', id: 'c1', at: { word: 3 } });
    expect(texts(split).slice(0, 2)).toEqual(['One two three', 'four five six.']);
    expect(split.selected).toBe(split.track.cues[1]!.id);
    const merged = run(split, { type: 'mergeNext', id: 'c1' });
    expect(texts(merged)).toEqual(texts(s0));
    expect(run(merged, { type: 'undo' }, { type: 'undo' }).track).toBe(track);
  });

  it('inserts, deletes, nudges, shifts, renames speakers and replaces', () => {
    let s = initEditor(track, 'netflix-en');
    const gapStart = track.cues[0]!.end + 100;
    s = run(s, { type: 'insert', at: gapStart });
    expect(s.track.cues).toHaveLength(3);
    const inserted = s.selected!;
    s = run(s, { type: 'setText', id: inserted, text: 'Music' }, { type: 'delete', ids: [inserted] });
    expect(s.track.cues).toHaveLength(2);
    const c2 = s.track.cues[1]!;
    s = run(s, { type: 'nudge', id: c2.id, edge: 'start', deltaMs: -100 });
    expect(s.track.cues[1]!.start).toBe(c2.start - 100);
    s = run(s, { type: 'shift', deltaMs: 1000 });
    expect(s.track.cues[1]!.start).toBe(c2.start + 900);
    s = run(s, { type: 'renameSpeaker', id: 0, name: 'Dr. Chen' }, { type: 'replaceAll', find: 'eight', replacement: '8' });
    expect(s.track.speakers[0]!.name).toBe('Dr. Chen');
    expect(texts(s)[1]).toBe('Seven 8 nine.');
    expect(run(s, { type: 'nudge', id: c2.id, edge: 'end', deltaMs: -1e6 })).toBe(s); // would invert the cue: refused
    expect(s.past).toHaveLength(7); // insert, text, delete, nudge, shift, rename, replace
  });

  it('applies a QC fix and fix-all as undoable edits', () => {
    const bad: Track = { speakers: [], cues: [{ id: 'c1', start: 0, end: 300, lines: ['Short'], words: [] }, { id: 'c2', start: 5000, end: 6000, lines: [''], words: [] }] };
    const s = run(initEditor(bad, 'netflix-en'), { type: 'fixAll' });
    expect(s.track.cues.map((c) => [c.id, c.end])).toEqual([['c1', 833]]);
    expect(run(s, { type: 'undo' }).track).toBe(bad);
  });

  it('finds the cue on screen at a time', () => {
    const cues = track.cues;
    expect(cueAt(cues, cues[1]!.start + 1)).toBe(1);
    expect(cueAt(cues, cues[0]!.end + 1)).toBe(-1);
    expect(cueAt(cues, 0)).toBe(-1);
  });
});

describe('autosave', () => {
  it('saves every version in order, one save at a time, collapsing bursts to the latest', async () => {
    const saved: string[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const auto = createAutosave(async (t) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, 20));
      saved.push(t.cues[0]!.lines[0]!);
      inFlight--;
    }, () => undefined);
    let s = initEditor(track, 'netflix-en');
    for (const text of ['a', 'b', 'c', 'd']) {
      s = run(s, { type: 'setText', id: 'c1', text });
      auto.push(s.version, s.track);
    }
    await auto.flush();
    expect(maxInFlight).toBe(1);
    expect(saved).toEqual(['a', 'd']); // the first save started at once; b and c were superseded by d
    auto.push(s.version, s.track);
    await auto.flush();
    expect(saved).toEqual(['a', 'd']); // the same version is not saved twice
  });

  it('keeps going after a failed save and reports it', async () => {
    const errors: unknown[] = [];
    let fail = true;
    const saved: number[] = [];
    const auto = createAutosave(async (t) => {
      if (fail) {
        fail = false;
        throw new Error('disk full');
      }
      saved.push(t.cues.length);
    }, (e) => errors.push(e));
    auto.push(1, track);
    await auto.flush();
    auto.push(2, track);
    await auto.flush();
    expect(errors).toHaveLength(1);
    expect(saved).toEqual([2]);
  });
});

describe('incremental QC', () => {
  it('re-checks only edited cues and their neighbours, with the same findings as a full check', async () => {
    const { createQcCache } = await import('../../src-renderer/screens/editor/qc-cache');
    const { checkTrack } = await import('../../src-main/shared/captions/qc');
    const { benchTrack } = await import('../../bench/fixtures');
    const big = benchTrack(3000);
    const qc = createQcCache();
    const preset = resolvePreset('netflix-en');
    const full = (cues: Track['cues']) => {
      const m = new Map<string, string[]>();
      for (const f of checkTrack({ cues }, preset)) m.set(f.cueId, [...(m.get(f.cueId) ?? []), f.code]);
      return m;
    };
    const codes = (m: Map<string, { code: string }[]>) => new Map([...m].map(([k, v]) => [k, v.map((f) => f.code)]));
    expect(codes(qc(big.cues, preset))).toEqual(full(big.cues));
    let s = initEditor(big, 'netflix-en');
    s = run(s, { type: 'setText', id: 'c10', text: '' }, { type: 'setTimes', id: 'c11', start: big.cues[9]!.start + 100, end: big.cues[10]!.end });
    expect(codes(qc(s.track.cues, preset))).toEqual(full(s.track.cues));
    expect(codes(qc(s.track.cues, preset)).get('c10')).toEqual(['EMPTY_TEXT']);
  });
});

describe('stretch in the editor', () => {
  it('scales the selection as one undo step and keeps it selected', () => {
    const s0 = initEditor(track, 'netflix-en');
    const ids = s0.track.cues.map((c) => c.id);
    const s1 = run(s0, { type: 'selectAll' }, { type: 'stretch', ids, to: { factor: 1.1 } });
    const first = s0.track.cues[0]!;
    const last = s0.track.cues.at(-1)!;
    expect(s1.track.cues[0]!.start).toBe(first.start);
    expect(s1.track.cues.at(-1)!.end).toBe(Math.round(first.start + (last.end - first.start) * 1.1));
    expect(s1.multi).toEqual(ids);
    expect(s1.past).toHaveLength(1);
    expect(run(s1, { type: 'undo' }).track).toBe(s0.track);
  });
});

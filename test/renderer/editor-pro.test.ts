import { describe, expect, it } from 'vitest';
import type { Track } from '../../src-main/shared/captions/model';
import { COMMANDS, DEFAULT_KEYMAP, comboOf, commandFor, conflicts, mergeKeymap } from '../../src-renderer/screens/editor/keymap';
import { keepSession, resumeSession } from '../../src-renderer/screens/editor/session';
import { createAutosave, editorReducer, initEditor, selection, type EditorAction, type EditorState } from '../../src-renderer/screens/editor/state';
import { parseTypedTime } from '../../src-renderer/screens/editor/timecode';

const track: Track = {
  speakers: [{ id: 0, name: 'Ann' }, { id: 1, name: 'Bo' }],
  cues: [0, 1, 2, 3].map((k) => ({ id: `c${k + 1}`, start: k * 3000, end: k * 3000 + 2000, lines: [`Cue ${k + 1}`], words: [], speaker: k % 2 })),
};
const run = (s: EditorState, ...actions: EditorAction[]) => actions.reduce(editorReducer, s);
const key = (code: string, key: string, mods: Partial<Record<'ctrlKey' | 'altKey' | 'shiftKey' | 'metaKey', boolean>> = {}) => ({ code, key, ctrlKey: false, altKey: false, shiftKey: false, metaKey: false, ...mods });

describe('keymap', () => {
  it('names keys by their physical key, so Shift does not rename them', () => {
    expect(comboOf(key('KeyI', 'i', { ctrlKey: true }))).toBe('Ctrl+I');
    expect(comboOf(key('KeyL', 'L', { ctrlKey: true, shiftKey: true }))).toBe('Ctrl+Shift+L');
    expect(comboOf(key('Comma', '<', { shiftKey: true }))).toBe('Shift+,');
    expect(comboOf(key('Space', ' ', { metaKey: true }))).toBe('Ctrl+Space');
    expect(comboOf(key('ArrowLeft', 'ArrowLeft', { altKey: true, shiftKey: true }))).toBe('Alt+Shift+ArrowLeft');
    expect(comboOf(key('ShiftLeft', 'Shift', { shiftKey: true }))).toBeNull();
  });
  it('drives the handlers from one table, respecting text boxes', () => {
    expect(commandFor(DEFAULT_KEYMAP, 'F11', true)).toBe('setStart');
    expect(commandFor(DEFAULT_KEYMAP, 'Delete', true)).toBeNull(); // Delete edits text in a box
    expect(commandFor(DEFAULT_KEYMAP, 'Delete', false)).toBe('delete');
    const mine = mergeKeymap({ insert: 'Alt+N', bogus: 'X', split: '' });
    expect([commandFor(mine, 'Alt+N', false), commandFor(mine, 'Ctrl+I', false), mine.split]).toEqual(['insert', null, 'Ctrl+Enter']);
    expect(conflicts(DEFAULT_KEYMAP).size).toBe(0);
    expect([...conflicts({ ...DEFAULT_KEYMAP, merge: 'Ctrl+Z' }).keys()]).toEqual(['Ctrl+Z']);
    expect(new Set(COMMANDS.map((c) => c.id)).size).toBe(COMMANDS.length);
  });
});

describe('typed times', () => {
  it('reads clock times, SRT commas, seconds, milliseconds and frames', () => {
    expect(['1:02.5', '01:02:03,250', '62.5', '1500ms', '00:01:02:12', '0:05'].map((s) => parseTypedTime(s, 24))).toEqual([62_500, 3_723_250, 62_500, 1500, 62_500, 5000]);
    expect(parseTypedTime('00:00:01:12', 25)).toBe(1480);
    expect(['', 'abc', '1:75', '00:00:01:30'].map((s) => parseTypedTime(s, 25))).toEqual([null, null, null, null]);
  });
});

describe('editor state: selections and timing tools', () => {
  const s0 = initEditor(track, 'netflix-en');
  it('selects ranges and toggles, and acts on the selection', () => {
    const range = run(s0, { type: 'select', id: 'c1' }, { type: 'select', id: 'c3', mode: 'range' });
    expect(selection(range)).toEqual(['c1', 'c2', 'c3']);
    const toggled = run(range, { type: 'select', id: 'c2', mode: 'toggle' });
    expect(selection(toggled)).toEqual(['c1', 'c3']);
    const moved = run(toggled, { type: 'shift', deltaMs: 500, ids: selection(toggled) });
    expect(moved.track.cues.map((c) => c.start)).toEqual([500, 3000, 6500, 9000]);
    const spk = run(toggled, { type: 'setSpeaker', ids: selection(toggled), speaker: 1 });
    expect(spk.track.cues.map((c) => c.speaker)).toEqual([1, 1, 1, 1]);
    const gone = run(toggled, { type: 'delete', ids: selection(toggled) });
    expect(gone.track.cues.map((c) => c.id)).toEqual(['c2', 'c4']);
    expect(run(gone, { type: 'undo' }).track).toBe(track);
  });
  it('sets start/end at the playhead, and "set start and shift the rest" moves everything after', () => {
    const a = run(s0, { type: 'setEdgeAt', id: 'c2', edge: 'start', at: 3300 }, { type: 'setEdgeAt', id: 'c2', edge: 'end', at: 4800 });
    expect(a.track.cues[1]).toMatchObject({ start: 3300, end: 4800 });
    const b = run(s0, { type: 'setEdgeAt', id: 'c3', edge: 'start', at: 6400, shiftRest: true });
    expect(b.track.cues.map((c) => [c.start, c.end])).toEqual([[0, 2000], [3000, 5000], [6400, 8400], [9400, 11400]]);
    const c = run(s0, { type: 'shiftFrom', id: 'c4', deltaMs: -200 });
    expect(c.track.cues[3]).toMatchObject({ start: 8800, end: 10800 });
  });
  it('inserts and draws cues that open for typing, and nudges stop at the neighbour', () => {
    const ins = run(s0, { type: 'insert', at: 2200 });
    expect(ins.editRequest).toBe(ins.selected);
    expect(ins.track.cues[1]).toMatchObject({ start: 2200, end: 3000 - 83 });
    expect(run(ins, { type: 'editHandled' }).editRequest).toBeNull();
    const nudged = run(s0, { type: 'nudge', id: 'c1', edge: 'end', deltaMs: 2000 });
    expect(nudged.track.cues[0]!.end).toBe(3000 - 83);
  });
  it('replaces a re-transcribed span and nothing else, in one undo step', () => {
    const fresh = [{ id: 'r1', start: 3100, end: 4000, lines: ['New one'], words: [] }, { id: 'r2', start: 4100, end: 7900, lines: ['New two'], words: [] }];
    const r = run(s0, { type: 'replaceSpan', ids: ['c2', 'c3'], cues: fresh });
    expect(r.track.cues.map((c) => c.lines[0])).toEqual(['Cue 1', 'New one', 'New two', 'Cue 4']);
    expect(new Set(r.track.cues.map((c) => c.id)).size).toBe(4);
    expect(r.track.cues[0]).toBe(track.cues[0]);
    expect(run(r, { type: 'undo' }).track).toBe(track);
  });
  it('keeps the history for the session while the stored track is the same', () => {
    const edited = run(s0, { type: 'setText', id: 'c1', text: 'Changed' });
    keepSession('t1', edited);
    const back = resumeSession('t1', edited.track, () => s0);
    expect(back.past).toHaveLength(1);
    expect(run(back, { type: 'undo' }).track).toBe(track);
    expect(resumeSession('t1', track, () => s0)).toBe(s0); // changed elsewhere: a fresh history
  });
});

describe('autosave before export', () => {
  it('saves again after a failed save, and reports a save that still fails', async () => {
    let fail = true;
    const saved: string[] = [];
    const errors: unknown[] = [];
    const a = createAutosave(async (t) => {
      if (fail) throw new Error('disk full');
      saved.push(t.cues[0]!.lines[0]!);
    }, (e) => errors.push(e));
    const t1 = { ...track, cues: [{ ...track.cues[0]!, lines: ['v1'] }] };
    a.push(1, t1);
    await a.flush();
    expect(errors).toHaveLength(1);
    await expect(a.ensure(1, t1)).rejects.toThrow('disk full');
    fail = false;
    await a.ensure(1, t1);
    expect(saved).toEqual(['v1']);
    await a.ensure(1, t1); // already on disk: no second write
    expect(saved).toEqual(['v1']);
  });
});

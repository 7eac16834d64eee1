import { describe, expect, it } from 'vitest';
import type { Track } from '../../src-main/shared/captions/model';
import { resolvePreset } from '../../src-main/shared/captions/presets';
import { buildTrack } from '../../src-main/shared/captions/segment';
import { carryTranslations } from '../../src-main/shared/translation/carry';
import { targetPresetId } from '../../src-main/shared/translation/languages';
import { editorReducer, initEditor, type EditorAction, type EditorState } from '../../src-renderer/screens/editor/state';
import { emptyLog, recordTrackEdit, redoStep, undoStep } from '../../src-renderer/screens/editor/translation/history';
import { fakeResult } from '../helpers/funasr';

const presetFor = (lang: string) => resolvePreset(targetPresetId(lang));
const en = new Map([
  ['c1', ['One two three four five six.']],
  ['c2', ['Seven eight nine.']],
]);
const zh = new Map([
  ['c1', ['一二三四五六。']],
  ['c2', ['七八九。']],
]);
const all = () => new Map([['en', en as ReadonlyMap<string, string[]>], ['zh', zh as ReadonlyMap<string, string[]>]]);
const track: Track = buildTrack(fakeResult([{ text: 'One two three four five six.' }, { text: 'Seven eight nine.', pauseBefore: 2000 }]), resolvePreset('netflix-en'));
const run = (s: EditorState, a: EditorAction) => editorReducer(s, a);
/** The translations after applying what an operation carried. */
const applied = (lines: ReadonlyMap<string, string[]>, lang: string, carried: ReturnType<typeof carryTranslations>) => {
  const out = new Map(lines);
  for (const c of carried) {
    if (c.lang !== lang) continue;
    if (c.after.length) out.set(c.cueId, c.after);
    else out.delete(c.cueId);
  }
  return out;
};

describe('translations follow the editor operations', () => {
  const s0 = initEditor(track, 'netflix-en');
  expect(s0.track.cues.map((c) => c.id)).toEqual(['c1', 'c2']);

  it('a split divides the translation over both halves with placeTranslation, in every language', () => {
    const s1 = run(s0, { type: 'split', id: 'c1', at: { word: 3 } });
    const newId = s1.track.cues[1]!.id;
    const carried = carryTranslations(s0.track.cues, s1.track.cues, all(), presetFor);
    const enNow = applied(en, 'en', carried);
    expect(enNow.get('c1')).toEqual(['One two three']);
    expect(enNow.get(newId)).toEqual(['four five six.']);
    const zhNow = applied(zh, 'zh', carried);
    // CJK: cut between characters, nothing lost, no spaces added.
    expect((zhNow.get('c1') ?? []).join('') + (zhNow.get(newId) ?? []).join('')).toBe('一二三四五六。');
    expect(zhNow.get('c1')?.join('').length).toBeGreaterThan(0);
    expect(zhNow.get(newId)?.join('').length).toBeGreaterThan(0);
    // Undo gives the whole translation back to the first cue and removes the new one's.
    expect(carried.filter((c) => c.cueId === 'c1').map((c) => c.before)).toEqual([['One two three four five six.'], ['一二三四五六。']]);
    expect(carried.filter((c) => c.cueId === newId).every((c) => c.before.length === 0)).toBe(true);
  });

  it('a merge joins the translations language-aware and re-wraps them to the target preset', () => {
    const s1 = run(s0, { type: 'mergeNext', id: 'c1' });
    const carried = carryTranslations(s0.track.cues, s1.track.cues, all(), presetFor);
    const enNow = applied(en, 'en', carried);
    expect(enNow.get('c1')!.join(' ')).toBe('One two three four five six. Seven eight nine.');
    expect(enNow.get('c1')!.every((l) => l.length <= presetFor('en').maxCharsPerLine)).toBe(true);
    expect(enNow.has('c2')).toBe(false);
    const zhNow = applied(zh, 'zh', carried);
    expect(zhNow.get('c1')!.join('')).toBe('一二三四五六。七八九。');
    expect(zhNow.get('c1')!.join('')).not.toContain(' ');
    expect(zhNow.has('c2')).toBe(false);
  });

  it('a delete removes the translation; insert, shift and stretch leave translations on their cues', () => {
    const del = run(s0, { type: 'delete', ids: ['c2'] });
    expect(carryTranslations(s0.track.cues, del.track.cues, all(), presetFor)).toEqual([
      { lang: 'en', cueId: 'c2', before: ['Seven eight nine.'], after: [] },
      { lang: 'zh', cueId: 'c2', before: ['七八九。'], after: [] },
    ]);
    const ins = run(s0, { type: 'insert', at: s0.track.cues[1]!.end + 500 });
    expect(ins.track.cues).toHaveLength(3);
    expect(carryTranslations(s0.track.cues, ins.track.cues, all(), presetFor)).toEqual([]);
    const shifted = run(s0, { type: 'shift', deltaMs: 1500 });
    expect(shifted.track.cues[0]!.start).toBe(s0.track.cues[0]!.start + 1500);
    expect(carryTranslations(s0.track.cues, shifted.track.cues, all(), presetFor)).toEqual([]);
    const stretched = run(s0, { type: 'stretch', ids: ['c1', 'c2'], to: { factor: 1.25 } });
    expect(stretched.track.cues[1]!.end).not.toBe(s0.track.cues[1]!.end);
    expect(carryTranslations(s0.track.cues, stretched.track.cues, all(), presetFor)).toEqual([]);
  });

  it('a cue without a translation carries nothing', () => {
    const s1 = run(s0, { type: 'split', id: 'c2', at: { word: 1 } });
    expect(s1.track.cues).toHaveLength(3);
    expect(carryTranslations(s0.track.cues, s1.track.cues, new Map([['en', new Map([['c1', ['x']]])]]), presetFor)).toEqual([]);
  });

  it('the carried translations are one undo step with the track operation', () => {
    const s1 = run(s0, { type: 'split', id: 'c1', at: { word: 3 } });
    const carried = carryTranslations(s0.track.cues, s1.track.cues, all(), presetFor);
    const log = recordTrackEdit(emptyLog(), carried);
    const u = undoStep(log, true);
    expect(u?.apply.kind).toBe('track');
    const back = u!.apply.kind === 'track' ? u!.apply.translations : [];
    expect(back).toContainEqual({ lang: 'en', cueId: 'c1', lines: ['One two three four five six.'] });
    expect(back).toContainEqual({ lang: 'en', cueId: s1.track.cues[1]!.id, lines: [] });
    const r = redoStep(u!.log, true);
    const again = r!.apply.kind === 'track' ? r!.apply.translations : [];
    expect(again).toContainEqual({ lang: 'en', cueId: 'c1', lines: ['One two three'] });
  });
});

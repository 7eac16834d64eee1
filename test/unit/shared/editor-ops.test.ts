import { describe, expect, it } from 'vitest';
import { createCue, findMatches, fitTimes, insertCue, matchCase, replaceText, splitCue } from '../../../src-main/shared/captions/edit';
import type { Cue, Word } from '../../../src-main/shared/captions/model';
import { minGapMs, resolvePreset } from '../../../src-main/shared/captions/presets';
import { checkTrack, fixAll, missedSpeech } from '../../../src-main/shared/captions/qc';

const p = resolvePreset('netflix-en');
const gap = minGapMs(p); // 83 ms
const cue = (id: string, start: number, end: number, text: string | string[], extra: Partial<Cue> = {}): Cue => ({ id, start, end, lines: Array.isArray(text) ? text : [text], words: [], ...extra });
/** A cue whose words are spread evenly over its time. */
function spoken(id: string, start: number, end: number, text: string): Cue {
  const parts = text.split(' ');
  const step = (end - start) / parts.length;
  const words: Word[] = parts.map((w, i) => ({ start: Math.round(start + i * step), end: Math.round(start + (i + 1) * step) - 10, text: w.replace(/[.,]$/, ''), punct: /[.,]$/.test(w) ? w.slice(-1) : '' }));
  return { id, start, end, lines: [text], words };
}
const codesOf = (cues: Cue[]) => checkTrack({ cues }, p).map((f) => `${f.cueId}:${f.code}`);

describe('split at the playhead', () => {
  const c = spoken('a', 1000, 5000, 'one two three four five six seven eight.');
  it('cuts at the word spoken at the playhead and keeps the preset gap', () => {
    const [x, y] = splitCue([c], 'a', { time: 3000 }, 'b', p, gap);
    expect([x!.lines.join(' '), y!.lines.join(' ')]).toEqual(['one two three four', 'five six seven eight.']);
    expect(y!.start).toBe(3000);
    expect(y!.start - x!.end).toBe(gap);
    expect([x!.start, y!.end]).toEqual([1000, 5000]);
    expect(codesOf([x!, y!]).filter((k) => /GAP|OVERLAP/.test(k))).toEqual([]);
  });
  it('splits text without words in proportion, at a space, and a split at a caret keeps the gap too', () => {
    const [x, y] = splitCue([cue('a', 0, 4000, 'alpha beta gamma delta')], 'a', { time: 2100 }, 'b', p, gap);
    expect([x!.lines[0], y!.lines[0]]).toEqual(['alpha beta', 'gamma delta']);
    expect(y!.start - x!.end).toBe(gap);
    const [m, n] = splitCue([cue('a', 0, 1000, 'abcd efgh')], 'a', { char: 4 }, 'b', p, gap);
    expect(n!.start - m!.end).toBe(gap);
  });
  it('does nothing when the playhead is outside the cue', () => {
    expect(splitCue([c], 'a', { time: 900 }, 'b', p, gap)).toEqual([c]);
    expect(splitCue([c], 'a', { time: 5000 }, 'b', p, gap)).toEqual([c]);
  });
});

describe('insert, draw, drag and nudge keep off the neighbours', () => {
  const cues = [cue('a', 0, 2000, 'A'), cue('b', 5000, 7000, 'B')];
  it('inserts at the playhead in free time, after the cue when the playhead is inside one', () => {
    const free = insertCue(cues, 3000, 'n', 2000, '', gap);
    expect(free[1]).toMatchObject({ id: 'n', start: 3000, end: 5000 - gap });
    const inside = insertCue(cues, 1000, 'n', 2000, '', gap);
    expect(inside[1]).toMatchObject({ id: 'n', start: 2000 + gap, end: 4000 + gap });
  });
  it('trims a drawn cue to the free time and refuses one with no room', () => {
    expect(createCue(cues, 4000, 6000, 'n', gap)[1]).toMatchObject({ start: 4000, end: 5000 - gap });
    expect(createCue(cues, 1000, 1500, 'n', gap)).toHaveLength(2);
  });
  it('stops a dragged edge at the gap, snaps near it, and moves whole cues without overlap', () => {
    expect(fitTimes(cues, 'a', 0, 6000, { gapMs: gap })).toEqual({ start: 0, end: 5000 - gap });
    expect(fitTimes(cues, 'a', 0, 4850, { gapMs: gap, snapMs: 100 })).toEqual({ start: 0, end: 5000 - gap });
    expect(fitTimes(cues, 'a', 0, 4700, { gapMs: gap, snapMs: 100 })).toEqual({ start: 0, end: 4700 });
    expect(fitTimes(cues, 'b', 4970, 7000, { gapMs: gap, snapTo: [4990], snapMs: 50 })).toEqual({ start: 4990, end: 7000 });
    expect(fitTimes(cues, 'b', 1000, 3000, { gapMs: gap })).toEqual({ start: 2000 + gap, end: 4000 + gap });
  });
});

describe('fix all', () => {
  it('lengthens short and fast cues into free time, moving the start back when the end is blocked', () => {
    const cues = [cue('a', 0, 300, 'Hi'), cue('b', 3000, 3400, 'Fast text here.'), cue('c', 3500, 6000, 'Next one')];
    const r = fixAll(cues, p);
    const [a, b] = r.cues;
    expect(a!.end - a!.start).toBeGreaterThanOrEqual(p.minDurationMs);
    expect(b!.start).toBeLessThan(3000);
    expect(b!.end).toBeLessThanOrEqual(3500 - gap);
    expect(checkTrack({ cues: r.cues }, p).filter((f) => f.safe && f.fix)).toEqual([]);
    expect(codesOf(r.cues)).toEqual([]);
  });
  it('merges a short cue with its neighbour when the merged cue passes every check', () => {
    const cues = [cue('x', 0, 5000, 'Earlier'), cue('a', 5100, 5500, 'Yes,', { speaker: 0 }), cue('b', 5583, 8000, 'that is right.', { speaker: 0 }), cue('z', 8083, 12000, 'Later')];
    const r = fixAll(cues, p);
    expect(r.cues.map((c) => c.lines.join(' '))).toEqual(['Earlier', 'Yes, that is right.', 'Later']);
    expect(r.cues[1]).toMatchObject({ start: 5100, end: 8000 });
    expect(codesOf(r.cues)).toEqual([]);
  });
  it('does not merge different speakers', () => {
    const cues = [cue('x', 0, 5000, 'Earlier'), cue('a', 5100, 5500, 'Yes,', { speaker: 0 }), cue('b', 5583, 8000, 'that is right.', { speaker: 1 }), cue('z', 8083, 12000, 'Later')];
    expect(fixAll(cues, p).cues).toHaveLength(4);
  });
});

describe('find and replace', () => {
  const cues = [cue('a', 0, 1000, ['A caption about captions.', 'CAPTION rules']), cue('b', 2000, 3000, 'Captioning is not caption.')];
  it('finds with match case, whole word and regex', () => {
    expect(findMatches(cues, 'caption')).toHaveLength(5);
    expect(findMatches(cues, 'caption', { caseSensitive: true })).toHaveLength(3);
    expect(findMatches(cues, 'caption', { wholeWord: true })).toHaveLength(3);
    expect(findMatches(cues, 'caption(s|ing)', { regex: true }).map((m) => [m.cueId, m.line, m.index])).toEqual([['a', 0, 16], ['b', 0, 0]]);
    expect(() => findMatches(cues, 'caption(', { regex: true })).toThrow(/Invalid regular expression/);
  });
  it('keeps the capitals of each match', () => {
    expect([matchCase('Caption', 'subtitle'), matchCase('CAPTION', 'subtitle'), matchCase('caption', 'Subtitle'), matchCase('cApTiOn', 'subtitle')]).toEqual(['Subtitle', 'SUBTITLE', 'subtitle', 'subtitle']);
    const r = replaceText(cues, 'caption', 'subtitle', { wholeWord: true });
    expect(r.count).toBe(3);
    expect(r.cues.map((c) => c.lines)).toEqual([['A subtitle about captions.', 'SUBTITLE rules'], ['Captioning is not subtitle.']]);
  });
  it('replaces one match only, and regex groups', () => {
    const one = replaceText(cues, 'caption', 'X', { only: { cueId: 'a', line: 1, index: 0 } });
    expect(one.count).toBe(1);
    expect(one.cues[0]!.lines).toEqual(['A caption about captions.', 'X rules']);
    const g = replaceText(cues, '(\\w+)ing', '$1ed', { regex: true, caseSensitive: true });
    expect(g.cues[1]!.lines[0]).toBe('Captioned is not caption.');
  });
});

describe('coverage check', () => {
  it('reports sound no cue covers, ignoring margins and short blips', () => {
    const cues = [cue('a', 1000, 4000, 'A'), cue('b', 20_000, 23_000, 'B')];
    const speech: [number, number][] = [[900, 4300], [6000, 12_000], [12_500, 14_000], [15_000, 15_800], [19_800, 23_200]];
    expect(missedSpeech(cues, speech)).toEqual([{ start: 6000, end: 14_000 }]);
    expect(missedSpeech([...cues, cue('m', 6000, 14_000, 'M')].sort((x, y) => x.start - y.start), speech)).toEqual([]);
  });
});

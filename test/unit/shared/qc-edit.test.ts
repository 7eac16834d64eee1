import { describe, expect, it } from 'vitest';
import { convertFrameRate, deleteCues, insertCue, mergeCues, replaceText, setCueText, shiftCues, snapToWords, splitCue, stretchCues } from '../../../src-main/shared/captions/edit';
import type { Cue } from '../../../src-main/shared/captions/model';
import { minGapMs, resolvePreset } from '../../../src-main/shared/captions/presets';
import { checkTrack, fixAll } from '../../../src-main/shared/captions/qc';
import { buildTrack } from '../../../src-main/shared/captions/segment';
import { fakeResult } from '../../helpers/funasr';

const p = resolvePreset('netflix-en');
const cue = (id: string, start: number, end: number, text: string | string[]): Cue => ({ id, start, end, lines: Array.isArray(text) ? text : [text], words: [] });

describe('quality checks', () => {
  const cues = [
    cue('a', 0, 400, 'Too short'),
    cue('b', 420, 3000, 'This line is far too long for the Netflix template of forty-two'),
    cue('c', 2900, 11000, 'Overlaps and lasts too long'),
    cue('d', 12000, 13000, ['one', 'two', 'three']),
    cue('e', 14000, 15000, ''),
    cue('f', 20000, 21000, 'Far too many characters for one second, way too many here'),
  ];
  const findings = checkTrack({ cues }, p);
  const codes = findings.map((f) => `${f.cueId}:${f.code}`);

  it('finds every kind of problem with a code, the cue and a message', () => {
    expect(codes).toEqual(
      expect.arrayContaining(['a:DURATION_SHORT', 'b:GAP_SMALL', 'b:LINE_TOO_LONG', 'c:OVERLAP', 'c:DURATION_LONG', 'd:TOO_MANY_LINES', 'e:EMPTY_TEXT', 'f:CPS_HIGH']),
    );
    for (const f of findings) expect(f.message.length).toBeGreaterThan(5);
  });

  it('fix all applies only safe fixes and leaves the track with fewer findings, no words lost', () => {
    const { cues: fixed, applied } = fixAll(cues, p);
    expect(applied).toBeGreaterThan(3);
    const after = checkTrack({ cues: fixed }, p).map((f) => `${f.cueId}:${f.code}`);
    expect(after).not.toContain('c:OVERLAP');
    expect(after).not.toContain('e:EMPTY_TEXT');
    expect(after).not.toContain('d:TOO_MANY_LINES');
    expect(after).not.toContain('b:LINE_TOO_LONG');
    expect(after).toContain('c:DURATION_LONG'); // needs a split: never applied automatically
    const words = (cs: Cue[]) => cs.flatMap((c) => c.lines.join(' ').split(/\s+/)).filter(Boolean);
    expect(words(fixed)).toEqual(words(cues));
    expect(fixed.find((c) => c.id === 'b')!.end).toBe(2900 - minGapMs(p));
  });

  it('a segmented track passes QC without errors', () => {
    const track = buildTrack(fakeResult([{ text: 'Plain speech at a normal pace, with a clause or two.' }, { text: 'And another sentence.' }]), p);
    expect(checkTrack(track, p).filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('editing operations', () => {
  const track = buildTrack(fakeResult([{ text: 'One two three four five six.' }]), p);
  const base = track.cues;

  it('splits at a word with times from the words, then merges back to the same text', () => {
    const split = splitCue(base, 'c1', { word: 3 }, 'n1', p);
    expect(split.map((c) => c.lines.join(' '))).toEqual(['One two three', 'four five six.']);
    expect(split[0]!.end).toBe(split[0]!.words.at(-1)!.end);
    expect(split[1]!.start).toBe(split[1]!.words[0]!.start);
    const merged = mergeCues(split, ['c1', 'n1'], p);
    expect(merged).toHaveLength(1);
    expect(merged[0]!.lines).toEqual(base[0]!.lines);
    expect(merged[0]!.words).toEqual(base[0]!.words);
    expect(base).toEqual(track.cues); // inputs untouched
  });

  it('splits free text at a character with proportional time', () => {
    const [a, b] = splitCue([cue('x', 0, 1000, 'abcd efgh')], 'x', { char: 4 }, 'y', p);
    expect([a!.lines, a!.end, b!.lines, b!.start]).toEqual([['abcd'], 444, ['efgh'], 444]);
  });

  it('keeps an imported cue id on the first half only (ids name one cue)', () => {
    const [a, b] = splitCue([{ ...cue('x', 0, 1000, 'abcd efgh'), label: 'intro' }], 'x', { char: 4 }, 'y', p);
    expect([a!.label, b!.label]).toEqual(['intro', undefined]);
  });

  it('inserts into a gap, deletes, sets text, replaces', () => {
    const cues = [cue('a', 0, 1000, 'Hello'), cue('b', 5000, 6000, 'World')];
    const ins = insertCue(cues, 1500, 'n', 5000, 'New');
    expect(ins.map((c) => [c.id, c.start, c.end])).toEqual([['a', 0, 1000], ['n', 1500, 5000], ['b', 5000, 6000]]);
    expect(deleteCues(ins, ['a', 'b']).map((c) => c.id)).toEqual(['n']);
    expect(setCueText(cues, 'a', 'Line one\nLine two', p)[0]!.lines).toEqual(['Line one', 'Line two']);
    const r = replaceText(cues, 'o', '0');
    expect(r.count).toBe(2);
    expect(r.cues.map((c) => c.lines[0])).toEqual(['Hell0', 'W0rld']);
    expect(replaceText(cues, 'hell', 'X', { wholeWord: true }).count).toBe(0);
  });

  it('shifts, stretches between two points and converts frame rates', () => {
    const cues = [cue('a', 1000, 2000, 'x'), cue('b', 11000, 12000, 'y')];
    expect(shiftCues(cues, -1500).map((c) => [c.start, c.end])).toEqual([[0, 500], [9500, 10500]]);
    expect(shiftCues(cues, 100, ['b']).map((c) => c.start)).toEqual([1000, 11100]);
    const st = stretchCues(cues, { from: 1000, to: 2000 }, { from: 11000, to: 22000 });
    expect(st.map((c) => [c.start, c.end])).toEqual([[2000, 4000], [22000, 24000]]);
    const pal = convertFrameRate([cue('a', 60_000, 61_000, 'x')], '25', '23.976');
    expect(pal[0]!.start).toBe(62563); // 60 s × 25 / (24000/1001) = 62562.5 ms
  });

  it('snaps cue edges to nearby word boundaries', () => {
    const words = [{ start: 1000, end: 1400, text: 'a', punct: '' }, { start: 1500, end: 1900, text: 'b', punct: '' }];
    const [s] = snapToWords([cue('a', 1080, 1830, 'a b')], 200, words);
    expect([s!.start, s!.end]).toEqual([1000, 1900]);
  });
});

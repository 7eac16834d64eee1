import { describe, expect, it } from 'vitest';
import type { Cue } from '../../../src-main/shared/captions/model';
import { resolvePreset } from '../../../src-main/shared/captions/presets';
import { textWidth } from '../../../src-main/shared/captions/text';
import { placeTranslation } from '../../../src-main/shared/translation/align';
import { translationFindings } from '../../../src-main/shared/translation/qc';

const en = resolvePreset('netflix-en');
const zh = resolvePreset('netflix-zh-hans');
const cue = (id: string, start: number, end: number, text: string): Cue => ({ id, start, end, lines: [text], words: [] });
const words = (lines: string[][]) => lines.flat().join(' ').split(/\s+/).filter(Boolean);

describe('placing a translation on the source cues', () => {
  it('splits English at word boundaries in proportion to the Chinese cues and keeps every word in order', () => {
    const cues = [cue('a', 0, 2000, '今天我们来讲'), cue('b', 2000, 5000, '信号处理的基础知识和它的应用。')];
    const text = 'Today we will talk about the basics of signal processing and its applications.';
    const placed = placeTranslation(cues, text, 'en', en);
    expect(placed).toHaveLength(2);
    expect(words(placed)).toEqual(text.split(' '));
    const share = words([placed[0]!]).length / text.split(' ').length;
    expect(share).toBeGreaterThan(0.15);
    expect(share).toBeLessThan(0.5);
    for (const lines of placed) for (const l of lines) expect(l.length).toBeLessThanOrEqual(en.maxCharsPerLine);
  });
  it('prefers to cut after punctuation near the proportional point', () => {
    const cues = [cue('a', 0, 2000, '首先我们看频谱，'), cue('b', 2000, 4000, '然后再看滤波器。')];
    const placed = placeTranslation(cues, 'First we look at the spectrum, and then at the filters.', 'en', en);
    expect(placed).toEqual([['First we look at the spectrum,'], ['and then at the filters.']]);
  });
  it('does not end a cue on "the"', () => {
    const cues = [cue('a', 0, 2000, 'aaaaaa'), cue('b', 2000, 4000, 'aaaaaa')];
    const placed = placeTranslation(cues, 'We looked for a long time at the house near river', 'en', en);
    expect(placed[0]?.at(-1)).not.toMatch(/\bthe$/);
  });
  it('splits Chinese at character boundaries and wraps to the Chinese preset', () => {
    const cues = [cue('a', 0, 3000, 'We will look at the basics'), cue('b', 3000, 6000, 'of signal processing and its many applications in audio today.')];
    const text = '我们将介绍信号处理的基础知识以及它在今天音频领域中的许多应用。';
    const placed = placeTranslation(cues, text, 'zh', zh);
    expect(placed.map((l) => l.join(''))).toHaveLength(2);
    expect(placed.flat().join('')).toBe(text);
    expect([...(placed[0]?.join('') ?? '')].length).toBeLessThan([...(placed[1]?.join('') ?? '')].length);
    for (const lines of placed) {
      expect(lines.length).toBeLessThanOrEqual(zh.maxLines);
      for (const l of lines) expect(textWidth(l, zh.widthMode)).toBeLessThanOrEqual(zh.maxCharsPerLine);
    }
  });
  it('wraps a long single-cue translation onto two balanced lines within the preset', () => {
    const placed = placeTranslation([cue('a', 0, 6000, '这是一个很长的句子需要两行')], 'This is a rather long sentence that needs two lines to show.', 'en', en);
    expect(placed[0]).toHaveLength(2);
    for (const l of placed[0]!) expect(l.length).toBeLessThanOrEqual(42);
  });
  it('never leaves a cue empty: with more cues than words a cue repeats its neighbour', () => {
    const cues = [cue('a', 0, 1000, '非常'), cue('b', 1000, 2000, '感谢'), cue('c', 2000, 3000, '大家。')];
    const placed = placeTranslation(cues, 'Thanks!', 'en', en);
    expect(placed).toEqual([['Thanks!'], ['Thanks!'], ['Thanks!']]);
    const two = placeTranslation(cues, 'Thank you.', 'en', en);
    for (const lines of two) expect(lines.join(' ')).toMatch(/\S/);
    expect([...new Set(two.flat())].join(' ')).toBe('Thank you.');
  });
  it('gives each cue at least one word when there are enough words', () => {
    const cues = Array.from({ length: 6 }, (_, i) => cue(`c${i}`, i * 1000, i * 1000 + 900, i === 0 ? '一个非常非常非常长的开头部分' : '短'));
    const placed = placeTranslation(cues, 'one two three four five six seven eight', 'en', en);
    for (const lines of placed) expect(lines.join(' ').length).toBeGreaterThan(0);
    expect(words(placed).join(' ')).toBe('one two three four five six seven eight');
  });
  it('returns no lines for an empty translation and nothing for no cues', () => {
    expect(placeTranslation([cue('a', 0, 1000, '你好')], '  ', 'en', en)).toEqual([[]]);
    expect(placeTranslation([], 'Hello', 'en', en)).toEqual([]);
  });
});

describe('translation QC', () => {
  const cues = [
    cue('a', 0, 2000, '你好。'),
    cue('b', 2000, 4000, '这是第二句话。'),
    cue('c', 4000, 5000, '第三句。'),
    cue('d', 5000, 7000, '我们今天讲信号。'),
    cue('e', 7000, 9000, '第五句话很短。'),
    cue('f', 9000, 9400, '快。'),
    cue('g', 10000, 11000, ''),
    cue('h', 11000, 13000, 'GPU'),
  ];
  const tr = new Map<string, string[]>([
    ['a', ['Hello.']],
    ['b', []],
    ['c', ['第三句。']],
    ['d', ['This line is much longer than the forty-two characters allowed']],
    ['e', ['one', 'two', 'three']],
    ['f', ['Far too many words for such a short time.']],
    ['h', ['GPU']],
  ]);
  const findings = translationFindings(cues, tr, 'zh', 'en', en);
  const codes = findings.map((f) => `${f.cueId}:${f.code}${f.reason ? `:${f.reason}` : ''}`);
  it('flags untranslated cues: missing, empty, still in the source script', () => {
    expect(codes).toContain('b:UNTRANSLATED:missing');
    expect(codes).toContain('c:UNTRANSLATED:source-script');
    expect(findings.find((f) => f.cueId === 'b')?.severity).toBe('error');
  });
  it('flags over-long lines, too many lines and too fast reading with the preset numbers', () => {
    expect(codes).toEqual(expect.arrayContaining(['d:LINE_TOO_LONG', 'e:TOO_MANY_LINES', 'f:CPS_HIGH']));
    const cps = findings.find((f) => f.code === 'CPS_HIGH');
    expect(cps?.params.limit).toBe(17);
    expect(findings.find((f) => f.code === 'TOO_MANY_LINES')?.fix).toEqual({ kind: 'rewrap', cueId: 'e', lines: ['one two three'] });
    for (const f of findings) expect(f.lang).toBe('en');
  });
  it('says nothing about good translations, empty source cues or a term that stays the same', () => {
    expect(codes.filter((c) => c.startsWith('a:') || c.startsWith('g:') || c.startsWith('h:'))).toEqual([]);
    expect(findings.some((f) => ['OVERLAP', 'GAP_SMALL', 'DURATION_SHORT'].includes(f.code as string))).toBe(false);
  });
  it('flags a longer sentence left unchanged between languages of one script', () => {
    const src = [cue('x', 0, 3000, 'This sentence was never translated.'), cue('y', 3000, 4000, 'Paris.')];
    const same = new Map([['x', ['This sentence was never translated.']], ['y', ['Paris.']]]);
    const f = translationFindings(src, same, 'en', 'fr', en).map((x) => `${x.cueId}:${x.reason}`);
    expect(f).toEqual(['x:identical']);
  });
  it('detects the source language when none is given', () => {
    const f = translationFindings([cue('x', 0, 3000, '这是中文。')], new Map([['x', ['这是中文。']]]), undefined, 'en', en);
    expect(f.map((x) => x.reason)).toEqual(['source-script']);
  });
});

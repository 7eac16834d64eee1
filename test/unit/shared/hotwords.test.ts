import { describe, expect, it } from 'vitest';
import { describeHotwordProblem, formatEntries, hotwordProblems, parseEntries, type HotwordEntry } from '../../../src-main/shared/hotwords';

/** Every problem of a list, in English (the CLI's and the API message's words). */
const checkEntries = (entries: HotwordEntry[]): string[] => hotwordProblems(entries).map(describeHotwordProblem);

describe('hotword rules (funasr-api.md §6.1)', () => {
  it('parses one entry per line with optional weight and language', () => {
    expect(parseEntries('Captioner\nFun-ASR 5\n阿里巴巴 | 3 | zh\n\n')).toEqual([
      { text: 'Captioner', weight: 4 },
      { text: 'Fun-ASR', weight: 5 },
      { text: '阿里巴巴', weight: 3, lang: 'zh' },
    ]);
    const entries = parseEntries('a b | 2 | en\nc | 4');
    expect(parseEntries(formatEntries(entries))).toEqual(entries);
  });

  it('enforces weight, length, word count, duplicates and the 500-entry cap', () => {
    expect(checkEntries([{ text: 'ok', weight: 4 }])).toEqual([]);
    expect(checkEntries([])).toEqual(['the list has no entries']);
    expect(checkEntries([{ text: 'x', weight: 6 }])[0]).toMatch(/weight/);
    expect(checkEntries([{ text: 'x', weight: 2.5 }])[0]).toMatch(/weight/);
    expect(checkEntries([{ text: 'one two three four five six seven eight', weight: 4 }])[0]).toMatch(/7 words/);
    expect(checkEntries([{ text: '一二三四五六七八九十一二三四五六', weight: 4 }])[0]).toMatch(/15 characters/);
    expect(checkEntries([{ text: '一二三四五六七八九十一二三四五', weight: 4 }])).toEqual([]);
    expect(checkEntries([{ text: 'Dup', weight: 4 }, { text: 'dup', weight: 3 }])[0]).toMatch(/twice/);
    expect(checkEntries(Array.from({ length: 501 }, (_, i) => ({ text: `w${i}`, weight: 4 })))[0]).toMatch(/501 entries/);
  });
});

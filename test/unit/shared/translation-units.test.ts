import { describe, expect, it } from 'vitest';
import type { Cue } from '../../../src-main/shared/captions/model';
import { planBatches, splitResponse } from '../../../src-main/shared/translation/batches';
import { MT_LANGUAGES, languageTag, mtLanguage } from '../../../src-main/shared/translation/languages';
import { estimateTokens } from '../../../src-main/shared/translation/tokens';
import { endsSentence, meaningUnits } from '../../../src-main/shared/translation/units';

let n = 0;
const cue = (text: string | string[], o: Partial<Cue> = {}): Cue => {
  n++;
  return { id: `c${n}`, start: n * 2000, end: n * 2000 + 1800, lines: Array.isArray(text) ? text : [text], words: [], ...o };
};
const texts = (cues: Cue[]) => meaningUnits(cues).map((u) => u.text);

describe('MT languages', () => {
  it('finds a language by code, BCP 47 tag or English name', () => {
    expect(mtLanguage('zh')?.name).toBe('Chinese');
    expect(mtLanguage('zh-CN')?.name).toBe('Chinese');
    expect(mtLanguage('Chinese')?.code).toBe('zh');
    expect(mtLanguage('zh-TW')?.code).toBe('zh_tw');
    expect(mtLanguage('zh-Hant-HK')?.code).toBe('zh_tw');
    expect(mtLanguage('zh_tw')?.name).toBe('Traditional Chinese');
    expect(mtLanguage('en-GB')?.code).toBe('en');
    expect(mtLanguage('pt-BR')?.name).toBe('Portuguese');
    expect(mtLanguage('no')?.code).toBe('nb');
    expect(mtLanguage('klingon')).toBeUndefined();
    expect(mtLanguage('')).toBeUndefined();
  });
  it('lists each code and name once, with a native label', () => {
    expect(new Set(MT_LANGUAGES.map((l) => l.code)).size).toBe(MT_LANGUAGES.length);
    expect(new Set(MT_LANGUAGES.map((l) => l.name)).size).toBe(MT_LANGUAGES.length);
    expect(MT_LANGUAGES.length).toBeGreaterThanOrEqual(50);
    for (const l of MT_LANGUAGES) expect(mtLanguage(l.code)).toBe(l);
    expect(mtLanguage('ja')?.label).toBe('日本語');
  });
  it('gives file tags players read', () => {
    expect(languageTag('zh_tw')).toBe('zh-TW');
    expect(languageTag('en')).toBe('en');
    expect(languageTag('PT-br')).toBe('pt-BR');
  });
});

describe('token estimate', () => {
  it('counts CJK per character and other text per 3.5 characters, rounded up', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('你好世界')).toBe(4);
    expect(estimateTokens('abcdefg')).toBe(2);
    expect(estimateTokens('abcdefgh')).toBe(3);
    expect(estimateTokens('我们用 GPU')).toBe(3 + 2);
  });
  it('errs high for English (about 4 characters a token in practice)', () => {
    const text = 'The quick brown fox jumps over the lazy dog near the river bank today.';
    expect(estimateTokens(text)).toBeGreaterThanOrEqual(Math.ceil(text.length / 4));
  });
});

describe('sentence ends', () => {
  it.each([
    ['He left.', true], ['她走了。', true], ['真的吗？', true], ['太好了！', true], ['Really?', true], ['Stop!', true],
    ['He said "go."', true], ['(as planned.)', true], ['「好的。」', true], ['Wait...', true], ['然后…', true],
    ['I met Dr.', false], ['Ask Mr.', false], ['for example, e.g.', false], ['by J.', false], ['and so', false], ['首先，', false],
  ])('%s → %s', (text, end) => expect(endsSentence(text, 'next')).toBe(end));
  it('a number cut at its decimal point is not a sentence end', () => {
    expect(endsSentence('it grew 3.', '5 percent')).toBe(false);
    expect(endsSentence('it grew by 3.', 'Then it fell.')).toBe(true);
    expect(endsSentence('it grew by 3.', undefined)).toBe(true);
  });
});

describe('meaning units', () => {
  it('joins the cues of one Chinese sentence without spaces and ends at 。！？', () => {
    const cues = [cue('今天我们来讲'), cue('信号处理的基础。'), cue('你准备好了吗？'), cue('好！')];
    const units = meaningUnits(cues, 'zh');
    expect(units.map((u) => u.text)).toEqual(['今天我们来讲信号处理的基础。', '你准备好了吗？', '好！']);
    expect(units[0]?.cueIds).toEqual([cues[0]?.id, cues[1]?.id]);
  });
  it('joins Latin cues with a space and keeps "Dr." and "3." + "5" inside a sentence', () => {
    expect(texts([cue('Yesterday I met Dr.'), cue('Smith at the lab.'), cue('Prices rose 3.'), cue('5 percent.'), cue('"Really?" she asked.')])).toEqual([
      'Yesterday I met Dr. Smith at the lab.',
      'Prices rose 3. 5 percent.',
      '"Really?" she asked.',
    ]);
  });
  it('ends a sentence inside closing quotes and brackets', () => {
    expect(texts([cue('He said "stop."'), cue('(Nobody did.)'), cue('她说：「走吧。」'), cue('我们就走了。')])).toEqual(['He said "stop."', '(Nobody did.)', '她说：「走吧。」', '我们就走了。']);
  });
  it('never sends a cue cut mid-sentence alone: every unit but a capped one ends a sentence', () => {
    const cues = [cue('So what we'), cue(['are going to', 'look at today']), cue('is the spectrum.'), cue('And then'), cue('the filters.')];
    const units = meaningUnits(cues);
    expect(units.map((u) => u.cueIds.length)).toEqual([3, 2]);
    expect(units[0]?.text).toBe('So what we are going to look at today is the spectrum.');
    expect(units.flatMap((u) => u.cueIds)).toEqual(cues.map((c) => c.id));
  });
  it('caps a run-on at six cues, cutting after a clause where it can', () => {
    const runOn = ['and we kept going', 'and going,', 'and then more', 'and then more', 'and more', 'and more', 'and more', 'without any stop'].map((t) => cue(t));
    const units = meaningUnits(runOn);
    for (const u of units) expect(u.cueIds.length).toBeLessThanOrEqual(6);
    expect(units[0]?.text).toBe('and we kept going and going,');
    expect(units.flatMap((u) => u.cueIds)).toEqual(runOn.map((c) => c.id));
  });
  it('caps a run-on by characters too', () => {
    const long = Array.from({ length: 5 }, () => cue('这是一段没有标点的很长很长很长的话'.repeat(5)));
    const units = meaningUnits(long);
    for (const u of units) expect([...u.text].length).toBeLessThanOrEqual(300);
    expect(units.length).toBeGreaterThan(1);
  });
  it('a change of speaker ends a unit; cues without text belong to none', () => {
    const cues = [cue('I think', { speaker: 0 }), cue('No way', { speaker: 1 }), cue(''), cue('  '), cue('right.', { speaker: 1 })];
    const units = meaningUnits(cues);
    expect(units.map((u) => u.cueIds)).toEqual([[cues[0]?.id], [cues[1]?.id, cues[4]?.id]]);
  });
});

describe('batches', () => {
  const units = Array.from({ length: 40 }, (_, i) => ({ cueIds: [`c${i}`], text: `这是第${i}句话，内容很普通。` }));
  it('packs units in order under the token budget, one per line, never cutting a unit', () => {
    const batches = planBatches(units, { maxInputTokens: 60 });
    expect(batches.length).toBeGreaterThan(5);
    for (const b of batches) {
      expect(b.inputTokens).toBeLessThanOrEqual(60);
      expect(b.inputTokens).toBe(estimateTokens(b.content));
      expect(b.content.split('\n')).toEqual(b.units.map((u) => u.text));
    }
    expect(batches.flatMap((b) => b.units)).toEqual(units);
    expect(batches.map((b) => b.index)).toEqual(batches.map((_, i) => i));
  });
  it('puts a unit larger than the budget in a request of its own', () => {
    const big = { cueIds: ['x'], text: '长'.repeat(100) };
    const batches = planBatches([units[0]!, big, units[1]!], { maxInputTokens: 50 });
    expect(batches.map((b) => b.units.length)).toEqual([1, 1, 1]);
    expect(batches[1]?.units[0]).toBe(big);
  });
  it('keeps line breaks inside a unit from splitting it', () => {
    const [b] = planBatches([{ cueIds: ['a'], text: 'one\ntwo' }, { cueIds: ['b'], text: 'three' }], { maxInputTokens: 100 });
    expect(b?.content).toBe('one two\nthree');
  });
  it('splitResponse gives one line per unit and undefined on a line-count mismatch', () => {
    const [b] = planBatches(units.slice(0, 3), { maxInputTokens: 1000 });
    expect(splitResponse(b!, 'One.\nTwo.\nThree.')).toEqual(['One.', 'Two.', 'Three.']);
    expect(splitResponse(b!, 'One.\r\n\r\nTwo.\n  Three.  \n')).toEqual(['One.', 'Two.', 'Three.']);
    expect(splitResponse(b!, 'One. Two.\nThree.')).toBeUndefined();
    expect(splitResponse(b!, 'One.\nTwo.\nThree.\nFour.')).toBeUndefined();
    expect(splitResponse(b!, '')).toBeUndefined();
  });
});

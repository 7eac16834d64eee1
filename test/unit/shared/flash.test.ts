import { describe, expect, it } from 'vitest';
import { correctedTerms } from '../../../src-main/shared/corrections';
import { CONTEXT_MAX_CHARS, buildFlashMessages, eventSentences, flashEventSchema, mergeSentence, type FlashSentence } from '../../../src-main/shared/flash';

const s = (id: number, begin: number, end: number, text: string, extra: Partial<FlashSentence> = {}): FlashSentence => ({ sentence_id: id, sentence_end: true, begin_time: begin, end_time: end, text, words: [], ...extra });

describe('flash sentence events (funasr-api.md §8.2)', () => {
  it('keeps finished sentences in order and ignores unfinished ones', () => {
    let all: FlashSentence[] = [];
    all = mergeSentence(all, s(1, 0, 1000, 'Hello', { sentence_end: false }));
    all = mergeSentence(all, s(1, 0, 1500, 'Hello world.'));
    all = mergeSentence(all, s(2, 2000, 3000, 'Second.'));
    expect(all.map((x) => x.text)).toEqual(['Hello world.', 'Second.']);
  });

  it('replaces a re-finalised sentence even when its id drifted, keeping the longer text', () => {
    let all = [s(1, 0, 1500, 'Hello world.'), s(2, 2000, 3000, 'Second')];
    all = mergeSentence(all, s(9, 2000, 3200, 'Second sentence.'));
    expect(all.map((x) => [x.sentence_id, x.text])).toEqual([[1, 'Hello world.'], [9, 'Second sentence.']]);
    expect(mergeSentence(all, s(10, 2000, 2500, 'Second'))).toBe(all); // a stale shorter re-send
  });

  it('folds a stale echo that starts at the previous end and repeats its text', () => {
    const all = mergeSentence([s(1, 0, 1500, 'Hello world.')], s(5, 1500, 1800, 'world.'));
    expect(all).toHaveLength(1);
    expect(all[0]!.end_time).toBe(1800);
  });

  it('reads both the top-level and the output.* layouts', () => {
    const top = flashEventSchema.parse({ sentence: s(1, 0, 10, 'A'), text: 'A', output: { sentence: s(1, 0, 10, 'A') } });
    const nested = flashEventSchema.parse({ output: { sentence: s(1, 0, 10, 'B'), text: 'B' } });
    expect(eventSentences(top).map((x) => x.text)).toEqual(['A']);
    expect(eventSentences(nested).map((x) => x.text)).toEqual(['B']);
  });
});

describe('context messages (funasr-api.md §8.1)', () => {
  it('puts user input_text before assistant text per round and the audio last', () => {
    const m = buildFlashMessages('data:audio/ogg;base64,AAAA', { texts: ['Kubernetes, Istio'], replies: ['earlier reply'] });
    expect(m.map((x) => [x.role, x.content[0]!.type])).toEqual([['user', 'input_text'], ['assistant', 'text'], ['user', 'input_audio']]);
    expect(buildFlashMessages('data:x', { texts: [] })).toHaveLength(1);
  });

  it('keeps at most 5 of each kind and 400 characters a round, cutting between terms', () => {
    const m = buildFlashMessages('data:x', { texts: Array.from({ length: 7 }, (_, i) => `text ${i}`) });
    expect(m.filter((x) => x.content[0]!.type === 'input_text').map((x) => x.content[0]!.text)).toEqual(['text 2', 'text 3', 'text 4', 'text 5', 'text 6']);
    const long = Array.from({ length: 80 }, (_, i) => `term${i}`).join(', ');
    const [first] = buildFlashMessages('data:x', { texts: [long] });
    const text = first!.content[0]!.text as string;
    expect(text.length).toBeLessThanOrEqual(CONTEXT_MAX_CHARS);
    expect(long.startsWith(text)).toBe(true);
    expect(text).toMatch(/term\d+$/); // never half a term
  });
});

describe('corrected terms', () => {
  it('finds what the user typed in place of a misrecognition, in English and Chinese', () => {
    expect(correctedTerms('We deploy on cooper nettie today.', 'We deploy on Kubernetes today.')).toEqual(['Kubernetes']);
    expect(correctedTerms('我们用阿里吧吧的服务', '我们用阿里巴巴的服务')).toEqual(['巴巴']);
    expect(correctedTerms('Hello there.', 'Hello there, friend.')).toEqual([]); // an insertion is no correction
    expect(correctedTerms('Same text.', 'Same text.')).toEqual([]);
    expect(correctedTerms('It costs 10 dollars.', 'It costs 12 dollars.')).toEqual([]); // numbers are not hotwords
  });
});

import { describe, expect, it } from 'vitest';
import type { Track } from '../../../src-main/shared/captions/model';
import { bilingualTrack, languageFileName, translationTrack } from '../../../src-main/shared/formats/bilingual';
import { exportTrack } from '../../../src-main/shared/formats/export';
import { parseSrt } from '../../../src-main/shared/formats/srt';

const track: Track = {
  language: 'zh',
  speakers: [],
  cues: [
    { id: 'a', start: 1000, end: 3000, lines: ['大家好。'], words: [{ start: 1000, end: 2000, text: '大家好', punct: '。' }] },
    { id: 'b', start: 3500, end: 6000, lines: ['今天讲信号处理。'], words: [] },
    { id: 'c', start: 6500, end: 8000, lines: ['谢谢。'], words: [] },
  ],
};
const tr = new Map([['a', ['Hello, everyone.']], ['b', ['Today: signal', 'processing.']], ['c', ['  ']]]);
const decode = (b: Uint8Array) => new TextDecoder().decode(b);

describe('bilingual tracks', () => {
  it('puts source then translation (or the reverse) in each cue with the same times', () => {
    const src = bilingualTrack(track, tr, 'source-first');
    expect(src.cues.map((c) => c.lines)).toEqual([['大家好。', 'Hello, everyone.'], ['今天讲信号处理。', 'Today: signal', 'processing.'], ['谢谢。']]);
    const tgt = bilingualTrack(track, tr, 'target-first');
    expect(tgt.cues[0]?.lines).toEqual(['Hello, everyone.', '大家好。']);
    for (const t of [src, tgt]) expect(t.cues.map((c) => [c.id, c.start, c.end])).toEqual(track.cues.map((c) => [c.id, c.start, c.end]));
    expect(src.cues[0]?.words).toEqual([]);
    expect(track.cues[0]?.lines).toEqual(['大家好。']);
  });
  it('the translation alone keeps times and falls back to the source where a cue has none', () => {
    const t = translationTrack(track, tr, 'en');
    expect(t.language).toBe('en');
    expect(t.cues.map((c) => c.lines)).toEqual([['Hello, everyone.'], ['Today: signal', 'processing.'], ['谢谢。']]);
  });
  it('writes a bilingual SRT that reads back with the same times and both languages', () => {
    const srt = decode(exportTrack(bilingualTrack(track, tr, 'source-first'), { format: 'srt' }));
    expect(srt).toContain('00:00:01,000 --> 00:00:03,000\n大家好。\nHello, everyone.\n');
    const back = parseSrt(srt);
    expect(back.cues.map((c) => c.lines)).toEqual([["大家好。", "Hello, everyone."], ["今天讲信号处理。", "Today: signal", "processing."], ["谢谢。"]]);
    expect(back.cues.map((c) => [c.start, c.end])).toEqual(track.cues.map((c) => [c.start, c.end]));
  });
  it('names files the way players read the language', () => {
    expect(languageFileName('talk', 'en', 'srt')).toBe('talk.en.srt');
    expect(languageFileName('talk', 'zh_tw', '.vtt')).toBe('talk.zh-TW.vtt');
    expect(languageFileName('talk.zh', 'en', 'srt')).toBe('talk.en.srt');
    expect(languageFileName('talk.zh', 'zh', 'srt')).toBe('talk.zh.srt');
    expect(languageFileName('v1.2 final', 'ja', 'srt')).toBe('v1.2 final.ja.srt');
    expect(languageFileName('the.end', 'en', 'srt')).toBe('the.end.en.srt');
  });
  it('the JSON export carries each cue’s translations per language', () => {
    const all = new Map([['en', tr], ['ja', new Map([['b', ['今日は信号処理。']]])]]);
    const data = JSON.parse(decode(exportTrack(track, { format: 'json', translations: all }))) as { cues: { id: string; translations?: Record<string, string[]> }[] };
    expect(data.cues.map((c) => c.translations)).toEqual([{ en: ['Hello, everyone.'] }, { en: ['Today: signal', 'processing.'], ja: ['今日は信号処理。'] }, undefined]);
    const plain = JSON.parse(decode(exportTrack(track, { format: 'json' }))) as { cues: object[] };
    expect(plain.cues[0]).not.toHaveProperty('translations');
  });
});

import { describe, expect, it } from 'vitest';
import type { Track } from '../../../src-main/shared/captions/model';
import { PRESETS, minGapMs, resolvePreset, type Preset } from '../../../src-main/shared/captions/presets';
import { checkTrack } from '../../../src-main/shared/captions/qc';
import { buildTrack, wordsFromResult } from '../../../src-main/shared/captions/segment';
import { applyTiming } from '../../../src-main/shared/captions/timing';
import { joinWords, textWidth } from '../../../src-main/shared/captions/text';
import { fakeResult } from '../../helpers/funasr';

const english = [
  'Welcome to the annual meeting of the society.',
  'Today we will talk about the history of captioning, and why reading speed matters so much for viewers who rely on subtitles every single day of their lives.',
  'Thank you all for coming!',
];
const chinese = ['大家好，我们开始今天的周会。', '首先请产品经理介绍一下这个季度的主要目标和进展情况，然后我们一起讨论下一步的计划和每个人的分工安排。', '谢谢大家。'];

/** The preset's hard limits, checked on every cue. */
function expectWithinPreset(track: Track, p: Preset): void {
  const gap = minGapMs(p);
  track.cues.forEach((cue, k) => {
    expect(cue.lines.length).toBeGreaterThan(0);
    expect(cue.lines.length).toBeLessThanOrEqual(p.maxLines);
    for (const line of cue.lines) expect(textWidth(line, p.widthMode)).toBeLessThanOrEqual(p.maxCharsPerLine);
    expect(cue.end - cue.start).toBeLessThanOrEqual(p.maxDurationMs + p.endExtensionMs);
    const next = track.cues[k + 1];
    if (next) expect(next.start - cue.end).toBeGreaterThanOrEqual(gap);
    // Lines are the cue's words, in order, never split inside a word.
    expect(cue.lines.join(' ').replace(/\s+/g, '')).toBe(joinWords(cue.words).replace(/\s+/g, ''));
  });
}

describe('segmentation', () => {
  it.each(['netflix-en', 'netflix-en-20', 'bbc', 'vertical'])('keeps English within the %s numbers', (id) => {
    const p = resolvePreset(id);
    const result = fakeResult(english.map((text) => ({ text })));
    const track = buildTrack(result, p);
    expectWithinPreset(track, p);
    // No word lost or duplicated.
    expect(track.cues.flatMap((c) => c.words).length).toBe(wordsFromResult(result).length);
  });

  it('breaks after sentences and clauses rather than mid-phrase (Netflix English)', () => {
    const track = buildTrack(fakeResult(english.map((text) => ({ text }))), PRESETS['netflix-en'] as Preset);
    const text = track.cues.map((c) => c.lines.join(' '));
    expect(text[0]).toBe('Welcome to the annual meeting of the society.');
    expect(text.at(-1)).toBe('Thank you all for coming!');
    // Every cue ends on punctuation or before a conjunction/preposition.
    for (const t of text.slice(0, -1)) expect(t).toMatch(/[.,!?]$|\b\w+$/);
    expect(text.some((t) => /\b(the|a|an)$/.test(t))).toBe(false);
    // Two-line cues are roughly balanced.
    for (const c of track.cues.filter((c) => c.lines.length === 2)) {
      const [a, b] = c.lines.map((l) => l.length) as [number, number];
      expect(Math.abs(a - b)).toBeLessThanOrEqual(Math.max(a, b) * 0.6);
    }
  });

  it.each(['netflix-zh-hans', 'vertical'])('keeps Chinese within the %s numbers', (id) => {
    const p = resolvePreset(id);
    const track = buildTrack(fakeResult(chinese.map((text) => ({ text }))), p);
    expectWithinPreset(track, p);
    // One sentence never shares a cue with the next.
    for (const c of track.cues) expect(c.lines.join('').slice(0, -1)).not.toMatch(/。/);
    expect(track.cues.at(-1)?.lines.join('')).toBe('谢谢大家。');
    // Clause punctuation is preferred for breaks: the long sentence breaks after its comma.
    expect(track.cues.some((c) => c.lines.at(-1)?.endsWith('，'))).toBe(true);
  });

  it('never splits a multi-character service word in Chinese', () => {
    const result = fakeResult([{ text: '首先请产品经理介绍一下这个季度的主要目标和进展情况。' }]);
    // Merge characters into service words of 2-4 characters.
    const s = result.transcripts[0]!.sentences[0]!;
    const merged: typeof s.words = [];
    s.words.forEach((w, k) => {
      const last = merged.at(-1);
      if (last && k % 3 !== 0) Object.assign(last, { text: last.text + w.text, end_time: w.end_time, punctuation: w.punctuation });
      else merged.push({ ...w });
    });
    s.words = merged;
    const track = buildTrack(result, resolvePreset('netflix-zh-hans'));
    const serviceWords = merged.map((w) => w.text + w.punctuation);
    for (const cue of track.cues) for (const line of cue.lines) {
      let rest = line;
      while (rest) {
        const w = serviceWords.find((sw) => rest.startsWith(sw));
        expect(w, `line "${line}" splits a word at "${rest}"`).toBeDefined();
        rest = rest.slice((w as string).length);
      }
    }
  });

  it('starts a new cue on a speaker change, or uses dash lines when asked', () => {
    const result = fakeResult([{ text: 'Are you coming?', speaker: 0 }, { text: 'Yes.', speaker: 1 }, { text: 'Good.', speaker: 0 }], { diarize: true });
    const plain = buildTrack(result, resolvePreset('netflix-en'));
    expect(plain.cues.map((c) => [c.speaker, c.lines.join(' ')])).toEqual([[0, 'Are you coming?'], [1, 'Yes.'], [0, 'Good.']]);
    expect(plain.speakers).toEqual([{ id: 0, name: 'Speaker 1' }, { id: 1, name: 'Speaker 2' }]);
    const dashed = buildTrack(result, resolvePreset('netflix-en', { dashSpeakers: true }));
    const pair = dashed.cues.find((c) => c.lines.length === 2);
    expect(dashed.cues).toHaveLength(2);
    expect(pair?.lines.every((l) => l.startsWith('- '))).toBe(true);
    expect(new Set(pair?.words.map((w) => result.transcripts[0]!.sentences.find((s) => s.words.some((sw) => sw.begin_time === w.start))?.speaker_id)).size).toBe(2);
  });

  it('never shows a cue over a long silence', () => {
    const track = buildTrack(fakeResult([{ text: 'Before the break' }, { text: 'after the break.', pauseBefore: 5000 }]), resolvePreset('netflix-en'));
    expect(track.cues).toHaveLength(2);
    const [a, b] = track.cues as [Track['cues'][0], Track['cues'][0]];
    const lastWordEnd = a.words.at(-1)!.end;
    expect(a.end - lastWordEnd).toBeLessThanOrEqual(500);
    expect(b.start).toBe(b.words[0]!.start);
  });

  it('splits a near-minute service sentence into readable cues', () => {
    const long = Array.from({ length: 18 }, (_, i) => `part ${i + 1} of a very long sentence without any full stop,`).join(' ') + ' and the end.';
    const p = resolvePreset('netflix-en');
    const track = buildTrack(fakeResult([{ text: long }], { msPerWord: 270 }), p);
    expect(track.cues.length).toBeGreaterThan(8);
    expectWithinPreset(track, p);
    // Breaks land on the commas.
    expect(track.cues.slice(0, -1).filter((c) => c.lines.at(-1)?.endsWith(',')).length).toBeGreaterThanOrEqual(track.cues.length - 2);
    expect(checkTrack(track, p).filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('enforces the minimum duration, extends ends a little and closes short gaps without moving starts', () => {
    const p = resolvePreset('netflix-en');
    const rules = { ...p, minGapMs: minGapMs(p) };
    const cue = (id: string, start: number, end: number) => ({ id, start, end, lines: [id], words: [] });
    const [a, b, c, d] = applyTiming([cue('a', 0, 300), cue('b', 3000, 4000), cue('c', 4300, 5000), cue('d', 9000, 9500)], rules);
    expect([a!.start, a!.end]).toEqual([0, p.minDurationMs]); // short cue lengthened
    expect([b!.start, b!.end]).toEqual([3000, 4300 - minGapMs(p)]); // 300 ms gap closed to 2 frames
    expect([c!.start, c!.end]).toEqual([4300, 5000 + p.endExtensionMs]); // room after: small extension only
    expect([d!.start, d!.end]).toEqual([9000, 9500 + p.endExtensionMs]);
    // Overlapping input: the earlier cue is cut before the later one, never after its start.
    const [x] = applyTiming([cue('x', 0, 2000), cue('y', 1000, 3000)], rules);
    expect(x!.end).toBe(1000 - minGapMs(p));
  });

  it('maps channels to speakers for multi-channel results', () => {
    const left = fakeResult([{ text: 'Left channel speaks.' }]).transcripts[0]!;
    const right = { ...fakeResult([{ text: 'Right answers.', pauseBefore: 3000 }]).transcripts[0]!, channel_id: 1 };
    const track = buildTrack({ transcripts: [left, right] }, resolvePreset('netflix-en'));
    expect(track.cues.map((c) => c.speaker)).toEqual([0, 1]);
  });
});

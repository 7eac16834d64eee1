/**
 * Seeded caption tracks full of text that formats must escape or guard (arrows, tags, entities,
 * braces, timing-shaped and digits-only lines, LRC tags), for the writer/reader round trips and
 * the writers' golden files.
 */
import type { Cue, Track } from '../../src-main/shared/captions/model';
import { seeded } from './seeded';

export const HOSTILE = [
  'A --> B', 'x -> y', '00:00:01,000 --> 00:00:02,000', '0:00:01.000,0:00:02.000', '00:01.000 --> 00:02.000 line:0', '42', '7', '<b>bold</b>', '</i>', '<v Bob>',
  '&amp;', '&lt;3', 'Tom & Jerry', '&copy; &notin', '{\\i1}x{\\i0}', 'a\\Nb', '\\h', '{braces}', '[00:01.00]lyric', '<00:01.00>word', 'WEBVTT', 'NOTE this', 'STYLE',
  '中文字幕测试', '“quotes” ‘and’ — dashes', 'émoji 🎬', '-->', '<', '>', '&', '1\u00a02', 'x]y[z',
];

/** Twelve cues of one or two hostile lines, in order, without speakers or words. */
export function hostileTrack(seed: number): Track {
  const r = seeded(seed);
  const pick = (): string => HOSTILE[Math.floor(r() * HOSTILE.length)] as string;
  const cues: Cue[] = [];
  let t = 0;
  for (let i = 0; i < 12; i++) {
    t += 200 + Math.floor(r() * 40) * 100;
    const lines = Array.from({ length: 1 + Math.floor(r() * 2) }, () => (r() < 0.7 ? pick() : `${pick()} ${pick()}`));
    cues.push({ id: `c${i + 1}`, start: t, end: t + 500 + Math.floor(r() * 20) * 100, lines, words: [] });
    t = cues[i]!.end;
  }
  return { cues, speakers: [] };
}

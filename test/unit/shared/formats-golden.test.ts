/**
 * The writers' exact bytes, pinned in golden files (test/fixtures/formats-golden): SRT, WebVTT,
 * ASS/SSA, SBV and LRC for seeded hostile tracks with everything a writer treats specially —
 * speakers (with commas, tags and newlines in their names), word times (karaoke WebVTT, enhanced
 * LRC), cue ids and settings, blank lines and line breaks inside lines, dash cues, bilingual cues,
 * times past 100 hours, fractional milliseconds — under each writer's options. The writers are
 * tuned for speed (bench/formats.ts); these files prove a rewrite changed no byte. After an
 * intended change of output, `npx vitest run -u test/unit/shared/formats-golden.test.ts` rewrites
 * them, and the diff shows what changed.
 */
import { describe, expect, it } from 'vitest';
import { joinTokens } from '../../../src-main/shared/captions/text';
import type { Cue, Track, Word } from '../../../src-main/shared/captions/model';
import { formatAss, type AssWriteOptions } from '../../../src-main/shared/formats/ass';
import { formatLrc, type LrcWriteOptions } from '../../../src-main/shared/formats/lrc';
import { formatSbv } from '../../../src-main/shared/formats/sbv';
import { formatSrt, type SrtWriteOptions } from '../../../src-main/shared/formats/srt';
import { formatVtt, type VttWriteOptions } from '../../../src-main/shared/formats/vtt';
import { hostileTrack } from '../../helpers/hostile-tracks';
import { seeded } from '../../helpers/seeded';

/** Word-timed sentences: the cue text is exactly the joined words (so karaoke and enhanced LRC apply). */
const SENTENCES = [['Hello', 'big', 'world.'], ['大家', '好', '，', '我们', '开始'], ['[intro]', 'a<3b', '<1', 'ok!'], ['Dr.', 'No', '–', '“yes”']];

function goldenTrack(seed: number): Track {
  const r = seeded(seed * 31 + 5);
  const base = hostileTrack(seed);
  const cues: Cue[] = base.cues.map((c, k) => {
    const cue: Cue = { ...c, lines: [...c.lines] };
    const roll = r();
    if (roll < 0.12) cue.lines = ['- one', '- two'];
    else if (roll < 0.2) cue.lines = [...cue.lines, '   '];
    else if (roll < 0.26) cue.lines = [`${cue.lines[0] as string}\r\nbroken\n\nline`];
    else if (roll < 0.3) cue.lines = ['  padded  ', '\t'];
    else if (roll < 0.55) {
      const tokens = SENTENCES[Math.floor(r() * SENTENCES.length)] as string[];
      const step = Math.floor((c.end - c.start) / (tokens.length + 1));
      cue.words = tokens.map((text, i): Word => ({ start: c.start + (i + (i % 2 ? 0.5 : 0)) * step, end: c.start + (i + 1) * step, text, punct: '' }));
      cue.lines = [joinTokens(tokens)];
    }
    if (r() < 0.5) cue.speaker = Math.floor(r() * 3);
    if (r() < 0.25) cue.label = k % 2 ? `id ${k} --> x` : `cue-${k}`;
    if (r() < 0.2) cue.settings = 'align:start line:0';
    return cue;
  });
  const last = cues[cues.length - 1] as Cue;
  cues.push({ id: 'long', start: 360_000_000 + 1234.6, end: 370_000_000 + 5.4, lines: ['past 100 hours'], words: [], speaker: 1 });
  cues.push({ id: 'empty', start: last.end + 5, end: last.end + 9, lines: ['', ' '], words: [] });
  return { speakers: [{ id: 0, name: 'Dr. <Evil>, & Co' }, { id: 1, name: '主持人' }, { id: 2, name: '[Host]\nTwo' }], cues };
}

const TRACKS = [3, 8, 21].map(goldenTrack);

/** Each writer under its option sets; the file holds the three tracks' output, one after another. */
const CASES: [string, (t: Track) => string][] = [
  ...([['srt', {}], ['srt-crlf-speakers', { lineEnding: 'crlf', speakers: true }]] as [string, SrtWriteOptions][]).map(([n, o]): [string, (t: Track) => string] => [`${n}.srt`, (t) => formatSrt(t, o)]),
  ...([
    ['vtt', { speakers: false }],
    ['vtt-speakers-ids-karaoke-blocks', { speakers: true, cueIds: true, wordTimestamps: true, notes: ['a note\n\nwith --> arrow', '\nown line'], styles: ['::cue { color: red }'], regions: ['id:r1 width:40%'] }],
  ] as [string, VttWriteOptions][]).map(([n, o]): [string, (t: Track) => string] => [`${n}.vtt`, (t) => formatVtt(t, o)]),
  ...([
    ['ass', {}],
    ['ssa', { ssa: true }],
    ['ass-bilingual-speakers', { bilingual: true, speakers: true, title: 'Title,\nwith break' }],
    ['ass-bilingual-one-event', { bilingual: true, oneEvent: true, speakers: false, secondFrom: (lines) => (lines.length > 2 ? 2 : 1) }],
  ] as [string, AssWriteOptions][]).map(([n, o]): [string, (t: Track) => string] => [`${n}.${n.startsWith('ssa') ? 'ssa' : 'ass'}`, (t) => formatAss(t, o)]),
  ['sbv.sbv', (t) => formatSbv(t)],
  ['sbv-speakers.sbv', (t) => formatSbv(t, { speakers: true })],
  ...([
    ['lrc', {}],
    ['lrc-speakers-title', { speakers: true, title: 'My ]title\nhere' }],
    ['lrc-no-word-times', { wordTimestamps: false }],
  ] as [string, LrcWriteOptions][]).map(([n, o]): [string, (t: Track) => string] => [`${n}.lrc`, (t) => formatLrc(t, o)]),
];

describe('writers write exactly the pinned bytes', () => {
  it.each(CASES)('%s', async (file, write) => {
    const out = TRACKS.map(write).join('\n=== next track ===\n');
    await expect(out).toMatchFileSnapshot(`../../fixtures/formats-golden/${file}`);
  });
});

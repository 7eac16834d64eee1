/**
 * `npm run bench`: parse and format a 15,000-cue SRT and WebVTT (and ASS, SSA, SBV, LRC) with
 * Captioner's formats and with subtitle, subsrt-ts, srt-parser-2 and media-captions in the same run, and print the ratios
 * (how many times slower each package is than ours; above 1 means ours is faster).
 */
import { parseText } from 'media-captions';
import SrtParser2 from 'srt-parser-2';
import subsrt from 'subsrt-ts';
import { parseSync, stringifySync, type NodeList } from 'subtitle';
import { formatAss, parseAss } from '../src-main/shared/formats/ass';
import { formatLrc, parseLrc } from '../src-main/shared/formats/lrc';
import { formatSbv, parseSbv } from '../src-main/shared/formats/sbv';
import { formatSrt, parseSrt } from '../src-main/shared/formats/srt';
import { formatVtt, parseVtt } from '../src-main/shared/formats/vtt';
import { benchTrack } from './fixtures';

const CUES = 15_000;
const track = benchTrack(CUES);
const srt = formatSrt(track);
const vtt = formatVtt(track);

const gc = (globalThis as { gc?: () => void }).gc;

const ROUNDS = 21;

// Inputs for the formatters in each package's own model, prepared outside the timed part.
const subtitleNodes = parseSync(srt) as NodeList;
const subsrtCaptions = subsrt.parse(srt, { format: 'srt' });
const srtParser = new SrtParser2();
// srt-parser-2 keeps times as "HH:MM:SS,mmm" strings; our tracks (and Fun-ASR) carry milliseconds,
// so writing a track with it includes that conversion, done here the way a user of it would.
const pad = (n: number, w: number): string => String(n).padStart(w, '0');
const srtTime = (ms: number): string => `${pad(Math.floor(ms / 3_600_000), 2)}:${pad(Math.floor(ms / 60_000) % 60, 2)}:${pad(Math.floor(ms / 1000) % 60, 2)},${pad(ms % 1000, 3)}`;
const srtParserFromTrack = () =>
  srtParser.toSrt(track.cues.map((c, k) => ({ id: String(k + 1), startTime: srtTime(c.start), startSeconds: c.start / 1000, endTime: srtTime(c.end), endSeconds: c.end / 1000, text: c.lines.join('\n') })));

/** `target`: part of the ≥ 1.5× speed target (SRT and WebVTT); the newer formats are reported only. */
type Case = { op: string; ours: () => unknown; others: Record<string, () => unknown>; target?: false };

// Force each formatter's output into one flat string (as writing it out would): V8 builds `+=`
// results as ropes and would otherwise defer part of the cost past the timer.
const written = (f: () => string) => () => f().indexOf('\u0000');
const cases: Case[] = [
  {
    op: 'parse SRT',
    ours: () => parseSrt(srt),
    others: {
      subtitle: () => parseSync(srt),
      'subsrt-ts': () => subsrt.parse(srt, { format: 'srt' }),
      'srt-parser-2': () => new SrtParser2().fromSrt(srt),
      'media-captions': () => parseText(srt, { type: 'srt' }),
    },
  },
  {
    op: 'parse WebVTT',
    ours: () => parseVtt(vtt),
    others: {
      subtitle: () => parseSync(vtt),
      'subsrt-ts': () => subsrt.parse(vtt, { format: 'vtt' }),
      'media-captions': () => parseText(vtt, { type: 'vtt' }),
    },
  },
  {
    op: 'format SRT',
    ours: written(() => formatSrt(track)),
    others: {
      subtitle: written(() => stringifySync(subtitleNodes, { format: 'SRT' })),
      'subsrt-ts': written(() => subsrt.build(subsrtCaptions, { format: 'srt' })),
      'srt-parser-2 (from ms)': written(srtParserFromTrack),
    },
  },
  {
    op: 'format WebVTT',
    ours: written(() => formatVtt(track)),
    others: {
      subtitle: written(() => stringifySync(subtitleNodes, { format: 'WebVTT' })),
      'subsrt-ts': written(() => subsrt.build(subsrtCaptions, { format: 'vtt' })),
    },
  },
];

// The newer formats, against the packages that handle them: subsrt-ts (ASS, SSA, SBV, LRC) and
// media-captions (ASS). No maintained npm package reads TTML or FCPXML into cues, so those two are
// timed against nothing here.
const ass = formatAss(track);
const ssa = formatAss(track, { ssa: true });
const sbv = formatSbv(track);
const lrc = formatLrc(track);
const subsrtAss = subsrt.parse(ass, { format: 'ass' });
cases.push(
  { op: 'parse ASS', target: false, ours: () => parseAss(ass), others: { 'subsrt-ts': () => subsrt.parse(ass, { format: 'ass' }), 'media-captions': () => parseText(ass, { type: 'ass' }) } },
  { op: 'parse SSA', target: false, ours: () => parseAss(ssa), others: { 'subsrt-ts': () => subsrt.parse(ssa, { format: 'ssa' }) } },
  { op: 'parse SBV', target: false, ours: () => parseSbv(sbv), others: { 'subsrt-ts': () => subsrt.parse(sbv, { format: 'sbv' }) } },
  { op: 'parse LRC', target: false, ours: () => parseLrc(lrc), others: { 'subsrt-ts': () => subsrt.parse(lrc, { format: 'lrc' }) } },
  { op: 'format ASS', target: false, ours: written(() => formatAss(track)), others: { 'subsrt-ts': written(() => subsrt.build(subsrtAss, { format: 'ass' })) } },
  { op: 'format SBV', target: false, ours: written(() => formatSbv(track)), others: { 'subsrt-ts': written(() => subsrt.build(subsrtCaptions, { format: 'sbv' })) } },
  { op: 'format LRC', target: false, ours: written(() => formatLrc(track)), others: { 'subsrt-ts': written(() => subsrt.build(subsrtCaptions, { format: 'lrc' })) } },
);
if (parseAss(ass).cues.length !== CUES || parseSbv(sbv).cues.length !== CUES || parseLrc(lrc).cues.length !== CUES) throw new Error('our new-format parsers lost cues');

// Sanity: every parser read all cues, so nobody wins by skipping work.
if (parseSrt(srt).cues.length !== CUES || parseVtt(vtt).cues.length !== CUES) throw new Error('our parsers lost cues');
if (subsrt.parse(srt, { format: 'srt' }).filter((c) => c.type === 'caption').length !== CUES) throw new Error('subsrt-ts lost cues');
if ((await parseText(vtt, { type: 'vtt' })).cues.length !== CUES) throw new Error('media-captions lost cues');

console.log(`Captioner formats vs npm packages, ${CUES} cues (${(srt.length / 1e6).toFixed(1)} MB SRT), median of ${ROUNDS} interleaved rounds, Node ${process.version}`);
console.log('baseline: each package, timed in this same run; ratio = package time / Captioner time\n');

// Rounds alternate between Captioner and each package, so drift (JIT, GC, a busy core) hits all alike.
async function timeOnce(fn: () => unknown): Promise<number> {
  gc?.(); // nobody pays for the garbage of whoever ran before
  const t = performance.now();
  await fn();
  return performance.now() - t;
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
let worst = Infinity;
for (const c of cases) {
  const entries: [string, () => unknown][] = [['captioner', c.ours], ...Object.entries(c.others)];
  for (const [, fn] of entries) for (let i = 0; i < 3; i++) await fn(); // warm-up
  const times = new Map(entries.map(([n]) => [n, [] as number[]]));
  for (let r = 0; r < ROUNDS; r++) for (const [n, fn] of entries) times.get(n)?.push(await timeOnce(fn));
  const ours = median(times.get('captioner') ?? []);
  console.log(`${c.op.padEnd(14)} captioner ${ours.toFixed(1).padStart(7)} ms`);
  for (const [name] of entries.slice(1)) {
    const t = median(times.get(name) ?? []);
    const ratio = t / ours;
    if (c.target !== false) worst = Math.min(worst, ratio);
    console.log(`${''.padEnd(14)} ${name.padEnd(22)} ${t.toFixed(1).padStart(7)} ms   ratio ${ratio.toFixed(2)}×`);
  }
}
console.log(`\nslowest SRT/WebVTT margin over any package: ${worst.toFixed(2)}× (target ≥ 1.50×) — ${worst >= 1.5 ? 'met' : 'NOT met'}`);

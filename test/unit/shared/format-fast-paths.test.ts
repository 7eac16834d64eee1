/**
 * The SRT and WebVTT readers' canonical scans (which now also take tags, CRLF, a BOM and extra
 * blank lines between cues) agree with the lenient and full W3C parsers: same cues, same voices,
 * same issues with the same line numbers, over generated real-world files; and the tree-less cue
 * text flattener agrees with the W3C tree wherever it answers (the WPT cue text suites included).
 * The ASS reader's split of plain events agrees with ass-compiler's, and the LRC reader's fast
 * paths with its general ones.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse as assCompilerParse } from 'ass-compiler';
import { describe, expect, it } from 'vitest';
import type { Cue, Track } from '../../../src-main/shared/captions/model';
import { formatAss, parseAss } from '../../../src-main/shared/formats/ass';
import { readAssDocument } from '../../../src-main/shared/formats/ass-events';
import { IssueList } from '../../../src-main/shared/formats/issues';
import { formatLrc, parseLrc } from '../../../src-main/shared/formats/lrc';
import { formatSrt, parseSrt, readSrtLines } from '../../../src-main/shared/formats/srt';
import { parseCanonicalSrt } from '../../../src-main/shared/formats/srt-canonical';
import { formatVtt, parseVtt } from '../../../src-main/shared/formats/vtt';
import { parseCanonicalVtt } from '../../../src-main/shared/formats/vtt-canonical';
import { flattenCueText, flattenSimpleCueText, parseCueTextTree } from '../../../src-main/shared/formats/vtt-cuetext';
import { hostileTrack } from '../../helpers/hostile-tracks';
import { seeded } from '../../helpers/seeded';

const LINES = ['plain words', '中文字幕 测试', 'x]y[z', '42', '<b>bold</b>', '{\\i1}x{\\i0}', '{braces}', 'a < b', 'Tom & Jerry', '1\u00a02', '<i>', '</i>'];
const TAGS: [string, string][] = [['<i>', '</i>'], ['<b>', '</b>'], ['<u>', '</u>'], ['<font color="#ff0">', '</font>'], ['<c.yellow>', '</c>'], ['<i> ', '</i>'], ['<i></i>', ''], ['{\\an8}', '']];

function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

function track(seed: number): Track {
  const r = rng(seed);
  const cues: Cue[] = Array.from({ length: 30 }, (_, k) => ({
    id: `c${k + 1}`, start: k * 2000, end: k * 2000 + 1500, words: [],
    lines: Array.from({ length: 1 + Math.floor(r() * 2) }, () => LINES[Math.floor(r() * LINES.length)] as string),
  }));
  // An arrow in the text sends a file to the full parsers; a few files have one.
  if (seed % 7 === 0) (cues[5] as Cue).lines = ['A --> B'];
  return { cues, speakers: [] };
}

/** A written file as people's tools leave it: tags on some lines, CRLF, a BOM, blank lines between cues. */
function variant(file: string, seed: number, vtt: boolean): string {
  const r = rng(seed * 7 + 1);
  let out = file;
  if (seed % 2) {
    const lines = out.split('\n');
    // Tags only on text lines (not the header, an index or a timing line).
    out = lines.map((l, k) => (k > 0 && l && !/^\d+$/.test(l) && !l.includes('-->') && l !== 'WEBVTT' && r() < 0.4 ? ((t) => `${t[0]}${l}${t[1]}`)(TAGS[Math.floor(r() * (vtt ? 5 : TAGS.length))] as [string, string]) : l)).join('\n');
  }
  if (seed % 3 === 0) out = out.replace(/\n\n/g, () => (r() < 0.3 ? '\n\n\n\n' : '\n\n'));
  if (seed % 4 === 1) out = out.replace(/\n/g, '\r\n');
  if (seed % 5 === 2) out = `\uFEFF${out}`;
  return out;
}

describe('the canonical scans agree with the full parsers', () => {
  it('SRT: parseSrt equals the lenient line parser on 60 generated real-world files, most read by the scan', () => {
    let scanned = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const file = variant(formatSrt(track(seed)), seed, false);
      const got = parseSrt(file);
      const lf = file.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
      const issues = new IssueList(false);
      const want = readSrtLines(lf, issues);
      expect(got.cues, `seed ${seed}`).toEqual(want);
      expect(got.issues, `seed ${seed}`).toEqual(issues.items);
      if (parseCanonicalSrt(lf)) scanned++;
    }
    expect(scanned).toBeGreaterThan(30);
  });

  it('SRT: tags found by the scan are reported once, on the line of the first one', () => {
    const file = '\uFEFF1\r\n00:00:01,000 --> 00:00:02,000\r\nplain\r\n\r\n\r\n2\r\n00:00:03,000 --> 00:00:04,000\r\none\r\n<i>two</i>\r\n\r\n3\r\n00:00:05,000 --> 00:00:06,000\r\n<b>three</b>\r\n';
    expect(parseCanonicalSrt(file.slice(1).replace(/\r/g, ''))).not.toBeNull();
    const r = parseSrt(file);
    expect(r.cues.map((c) => c.lines)).toEqual([['plain'], ['one', 'two'], ['three']]);
    expect(r.issues.map((i) => [i.code, i.line])).toEqual([['TAGS_STRIPPED', 9]]);
    expect(r.bom).toBe(true);
  });

  it('WebVTT: the scan equals the W3C parser on 60 generated real-world files, most read by the scan', () => {
    let scanned = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const t = track(seed);
      // A voice on some cues: the scan must build the same speakers.
      if (seed % 2) t.speakers = [{ id: 0, name: 'Ann Lee' }];
      if (seed % 2) t.cues.forEach((c, k) => k % 3 || (c.speaker = 0));
      const file = variant(formatVtt(t, { speakers: seed % 2 === 1 }), seed, true);
      // Header text sends the same cues, on the same lines, down the full parser.
      const full = parseVtt(file.replace('WEBVTT', 'WEBVTT - full'));
      const got = parseVtt(file);
      expect(got, `seed ${seed}`).toEqual(full);
      if (parseCanonicalVtt(file.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n'), 0)) scanned++;
    }
    expect(scanned).toBeGreaterThan(30);
  });

  it('WebVTT: padded text lines are trimmed alike by the scan and the full parser', () => {
    const file = 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n  padded  \n\tTabbed\n\n00:00:03.000 --> 00:00:04.000\nplain\n';
    expect(parseCanonicalVtt(file, 0)).not.toBeNull();
    const got = parseVtt(file);
    expect(got).toEqual(parseVtt(file.replace('WEBVTT', 'WEBVTT - full')));
    expect(got.cues.map((c) => c.lines)).toEqual([['padded', 'Tabbed'], ['plain']]);
  });

  it('WebVTT: a CRLF file is scanned as it is (no LF copy) to the same cues; a lone CR or LF sends it to the full parser', () => {
    let crlfScanned = 0;
    for (let seed = 1; seed <= 60; seed += 4) {
      const file = variant(formatVtt(track(seed)), seed, true).replace(/^\uFEFF/, '');
      expect(file.includes('\r\n'), `seed ${seed}`).toBe(true);
      const lf = file.replace(/\r\n/g, '\n');
      const viaLf = parseCanonicalVtt(lf, 0);
      const direct = parseCanonicalVtt(file, 0, true);
      expect(direct?.list.cues ?? null, `seed ${seed}`).toEqual(viaLf?.list.cues ?? null);
      if (direct) crlfScanned++;
      // A lone LF, a CR at the end, a lone CR ending a line, a lone CR inside a cue's text.
      for (const broken of [file.replace('\r\n\r\n', '\n\r\n'), `${file.slice(0, file.length - 2)}\r`, file.replace(/(\d)\r\n/, '$1\r'), file.replace(/(-->[^\r\n]*\r\n[^\r\n]{2})/, '$1\r')]) {
        expect(parseCanonicalVtt(broken, 0, true), `seed ${seed}`).toBeNull();
        expect(parseVtt(broken), `seed ${seed}`).toEqual(parseVtt(broken.replace('WEBVTT', 'WEBVTT - full')));
      }
    }
    expect(crlfScanned).toBeGreaterThan(8);
  });
});

const DATA = resolve(process.env.CAPTIONER_CONFORMANCE_DATA ?? join(import.meta.dirname, '../../../../shared/conformance-data'));
const WPT = join(DATA, 'webvttjs/wpt-cue-parsing');

describe('tree-less cue text flattening', () => {
  const own = ['<i>a</i> b', '<b.x.y>bold</b>', '<font color="red">red</font>', '<c>x</c></c></i>y', '<u\nfoo>z</u>', '<>x', '< i>x', '<i.>x</i>', '<ruby>a<rt>b</rt></ruby>', '<v Bob>hi', '<00:01.000>x', '<i', 'a &amp; b', '<lang en>x</lang>', '<rt>x</rt>', '<\tb>q'];
  const wpt = existsSync(WPT) ? ['entities', 'tags', 'text', 'timestamps', 'tree-building'].flatMap((s) => (JSON.parse(readFileSync(join(WPT, `${s}.json`), 'utf8')) as { text: string }[]).map((c) => c.text.split('\n\n')[0] as string)) : [];

  it(`answers exactly as the W3C tree, or not at all (${own.length} own cases, ${wpt.length} WPT cases)`, () => {
    let answered = 0;
    for (const s of [...own, ...wpt]) {
      const fast = flattenSimpleCueText(s);
      if (fast === null) continue;
      answered++;
      expect(fast, JSON.stringify(s)).toEqual(flattenCueText(parseCueTextTree(s)));
    }
    expect(answered).toBeGreaterThan(8);
  });
});

/** Lines real ASS files have among their events, which the split by position must leave to ass-compiler or read as it does. */
const ASS_EVENT_LINES = [
  'Dialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,{\\an8}on top',
  'Dialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,{\\p1}m 0 0 l 10 10{\\p0}drawn',
  'Comment: 0,0:00:03.00,0:00:04.00,Default,,0,0,0,,a comment',
  'dialogue : 0,0:00:03.00,0:00:04.00,Default,Bob,0,0,0,,odd spelling',
  'Dialogue: 0,0:00:05.00,0:00:06.00,Default,,0,0',
  'Dialogue: 0,1:2,0:00:06.00,Default,,0,0,0,,half a time',
  'Dialogue:   0, 0:00:07.00 , 0:00:08.00 ,  Alt , Ann ,0,0,0,fx,  spaced, with, commas  ',
  'Dialogue: 0,0:00:09.00,0:00:10.00,Default,,0,0,0,,cut\rshort',
  'Dialogue: 0,0:00:11.00,0:00:12.00,Default,,0,0,0,,line\u2028separator',
  'Dialogue: 0,0:00:13.00,0:00:14.00,De{fault,Na}me,0,0,0,,braces outside the text',
  '; a comment line',
  'Dialogue: 0,0:00:15.00,0:00:16.00,Default,,0,0,0,,',
  'Dialogue: 0,0:00:17.00,0:00:18.00,Default,,0,0,0,,a\\Nb\\nc\\hd',
];

describe('the ASS and LRC readers take the common layout fast, as their general paths read it', () => {
  /** What parseAss uses of each event, from ass-compiler itself. */
  const viaAssCompiler = (file: string): unknown[] =>
    assCompilerParse(file).events.dialogue.map((d) => ({ Start: d.Start, End: d.End, Style: d.Style, Name: d.Name, ...(d.Text ? { Text: { raw: d.Text.raw, combined: d.Text.combined } } : {}) }));
  const fields = (file: string): unknown[] => readAssDocument(file).dialogue.map((d) => ({ Start: d.Start, End: d.End, Style: d.Style, Name: d.Name, ...(d.Text ? { Text: { raw: d.Text.raw, combined: d.Text.combined } } : {}) }));

  it('ASS: events split by position equal ass-compiler\'s, over 60 generated files with real-world event lines', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const r = seeded(seed * 13 + 1);
      const lines = formatAss(hostileTrack(seed), { ssa: seed % 3 === 0, bilingual: seed % 2 === 0 }).split('\n');
      const events = lines.findIndex((l) => l.startsWith('Format: ') && l.includes('Text')) + 1;
      for (let k = 0; k < 4; k++) lines.splice(events + Math.floor(r() * (lines.length - events)), 0, ASS_EVENT_LINES[Math.floor(r() * ASS_EVENT_LINES.length)] as string);
      let file = lines.join('\n');
      if (seed % 4 === 1) file = file.replace(/\n/g, '\r\n');
      expect(fields(file), `seed ${seed}`).toEqual(viaAssCompiler(file));
      expect(readAssDocument(file).styles, `seed ${seed}`).toEqual(assCompilerParse(file).styles.style);
      // Another section after the events: the whole file goes to ass-compiler, to the same cues.
      expect(parseAss(`${file}\n[Fonts]\n`), `seed ${seed}`).toEqual(parseAss(file));
    }
  });

  it('ASS: an event without readable times or text is reported and skipped, the others are read', () => {
    const file = formatAss(hostileTrack(3)).replace(/\n$/, '') + '\nDialogue: 0,0:01:00.00,0:01:01.00,Default,,0,0\nDialogue: 0,x,0:01:03.00,Default,,0,0,0,,bad time\n';
    const r = parseAss(file);
    expect(r.cues).toHaveLength(12);
    expect(r.issues.map((i) => [i.code, i.severity])).toEqual([['BAD_EVENT', 'warning']]);
    expect(r.issues[0]?.message).toMatch(/^2 Dialogue events without readable times or text/);
    // A Format line without Text: no event has text, and nothing throws.
    const noText = parseAss(file.replace(/^Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text$/m, 'Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect'));
    expect(noText.cues).toEqual([]);
    expect(noText.issues.map((i) => i.code)).toEqual(['BAD_EVENT', 'NO_CUES']);
  });

  it('LRC: every path of the reader, checked by hand', () => {
    const file = '[ti:Song]\n[offset:+100]\n[00:01.00]First line\n[00:02.5] spaced  out \n[1:03]three\n[00:04.123]four<x\n[00:05.00][00:07.00]twice\n[00:06.1234]not a time\nstray text\n[00:08.00]<00:08.00>Hi <00:08.50>there<00:09.00>\n[00:10.00]\u200b[guarded\n[00:11.00]\n';
    const r = parseLrc(file);
    expect(r.cues.map((c) => [c.start, c.end, c.lines])).toEqual([
      [1100, 2600, ['First line']], [2600, 4223, ['spaced out']], [4223, 5100, ['four<x']], [5100, 7100, ['twice']], [7100, 8100, ['twice']],
      [8100, 9100, ['Hi there']], [10100, 11100, ['[guarded']], [63100, 66100, ['three']],
    ]);
    expect(r.cues[5]?.words).toEqual([{ start: 8100, end: 8600, text: 'Hi', punct: '' }, { start: 8600, end: 9100, text: 'there', punct: '' }]);
    expect(r.issues.map((i) => [i.code, i.line])).toEqual([['STRAY_TEXT', 8], ['STRAY_TEXT', 9]]);
    expect(parseLrc(file.replace(/\n/g, '\r\n'))).toEqual(r);
  });

  it('LRC: a file with nothing irregular reads as it does when each lyric is checked on its own', () => {
    const WORDS = ['the', 'quick', 'fox', '大家', '好', '。', 'x]y[z', '42', 'Tom & Jerry', 'a>b'];
    for (let seed = 1; seed <= 40; seed++) {
      const r = seeded(seed);
      const cues: Cue[] = Array.from({ length: 20 }, (_, k) => ({
        id: `c${k + 1}`, start: k * 1000, end: k * 1000 + (k % 3 ? 1000 : 700), words: [],
        lines: Array.from({ length: 1 + (k % 2) }, () => Array.from({ length: 1 + Math.floor(r() * 4) }, () => WORDS[Math.floor(r() * WORDS.length)] as string).join(' ')),
      }));
      // Written by us, plus a lyric with a space after its time tag (kept by the trim of the line).
      const file = `${formatLrc({ cues, speakers: [] })}[59:00.00] spaced lyric\n`;
      expect(file).not.toMatch(/[<\u200b\u00a0\t]| {2}/);
      // A tag line with a no-break space and a `<` makes the file irregular: every lyric is then checked by itself.
      expect(parseLrc(`${file}[ar:\u00a0<]\n`), `seed ${seed}`).toEqual(parseLrc(file));
    }
  });
});

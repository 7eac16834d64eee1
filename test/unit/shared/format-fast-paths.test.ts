/**
 * The SRT and WebVTT readers' canonical scans (which now also take tags, CRLF, a BOM and extra
 * blank lines between cues) agree with the lenient and full W3C parsers: same cues, same voices,
 * same issues with the same line numbers, over generated real-world files; and the tree-less cue
 * text flattener agrees with the W3C tree wherever it answers (the WPT cue text suites included).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Cue, Track } from '../../../src-main/shared/captions/model';
import { IssueList } from '../../../src-main/shared/formats/issues';
import { formatSrt, parseSrt, readSrtLines } from '../../../src-main/shared/formats/srt';
import { parseCanonicalSrt } from '../../../src-main/shared/formats/srt-canonical';
import { formatVtt, parseVtt } from '../../../src-main/shared/formats/vtt';
import { parseCanonicalVtt } from '../../../src-main/shared/formats/vtt-canonical';
import { flattenCueText, flattenSimpleCueText, parseCueTextTree } from '../../../src-main/shared/formats/vtt-cuetext';

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
      for (const broken of [file.replace('\r\n\r\n', '\n\r\n'), `${file.slice(0, file.length - 2)}\r`, file.replace(/(\d)\r\n/, '$1\r')]) {
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

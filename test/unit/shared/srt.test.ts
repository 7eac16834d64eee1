import { describe, expect, it } from 'vitest';
import type { Track } from '../../../src-main/shared/captions/model';
import { encodeUtf8 } from '../../../src-main/shared/formats/decode';
import { formatSrt, parseSrt } from '../../../src-main/shared/formats/srt';
import { fixtureBytes } from '../../helpers/fixtures';

const track: Track = {
  speakers: [{ id: 0, name: 'Ana' }],
  cues: [
    { id: 'c1', start: 0, end: 1500, lines: ['Hello, world.'], words: [] },
    { id: 'c2', start: 1583, end: 3_725_042, lines: ['Two', 'lines'], words: [], speaker: 0 },
  ],
};

describe('SRT writer', () => {
  it('writes LF by default with comma timestamps and sequential numbers', () => {
    expect(formatSrt(track)).toBe('1\n00:00:00,000 --> 00:00:01,500\nHello, world.\n\n2\n00:00:01,583 --> 01:02:05,042\nTwo\nlines\n');
  });
  it('writes CRLF when asked, and a BOM only through encodeUtf8(bom=true)', () => {
    const crlf = formatSrt(track, { lineEnding: 'crlf' });
    expect(crlf.split('\r\n').length).toBe(9); // 8 lines and the empty string after the last CRLF
    expect(crlf.replace(/\r\n/g, '')).not.toMatch(/\n/);
    expect([...encodeUtf8(crlf, true).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(encodeUtf8(crlf, false)[0]).toBe(0x31);
  });
  it('prefixes speaker names when asked and skips cues without text', () => {
    const out = formatSrt({ ...track, cues: [...track.cues, { id: 'c3', start: 4e6, end: 4.1e6, lines: [' '], words: [] }] }, { speakers: true });
    expect(out).toContain('Ana: Two\nlines');
    expect(out).not.toContain('\n3\n');
  });
});

describe('SRT reader', () => {
  it('reads LF and CRLF+BOM files to the same cues and reports the BOM', () => {
    const a = parseSrt(fixtureBytes('subtitles', 'english-lf.srt'));
    const b = parseSrt(fixtureBytes('subtitles', 'english-crlf-bom.srt'));
    expect(a.ok).toBe(true);
    expect(a.issues).toEqual([]);
    expect(b.bom).toBe(true);
    expect(b.cues).toEqual(a.cues);
    expect(a.cues.map((c) => [c.start, c.end, c.lines])).toEqual([
      [1000, 2500, ['Hello, world.']],
      [3000, 5250, ['Second cue,', 'on two lines.']],
    ]);
  });

  it.each([
    ['zh-gb18030.srt', 'gb18030', '这个季度的目标是什么？'],
    ['zh-big5.srt', 'big5', '這個季度的目標是什麼？'],
    ['zh-utf16le-bom.srt', 'utf-16le', '这个季度的目标是什么？'],
    ['zh-utf16be.srt', 'utf-16be', '这个季度的目标是什么？'],
    ['mixed-utf8-gb18030.srt', 'mixed', '第二句是国标码。'],
  ])('detects and reports the encoding of %s', (file, encoding, secondLine) => {
    const r = parseSrt(fixtureBytes('subtitles', file));
    expect(r.encoding).toBe(encoding);
    expect(r.cues).toHaveLength(2);
    expect(r.cues[1]?.lines).toEqual([secondLine]);
    if (encoding !== 'utf-8') expect(r.issues.map((i) => i.code)).toContain('ENCODING');
  });

  it('repairs a messy file and reports each repair with its line', () => {
    const r = parseSrt(fixtureBytes('subtitles', 'messy.srt'));
    expect(r.cues.map((c) => [c.start, c.end, c.lines.join('|')])).toEqual([
      [1000, 2000, 'No number before me'],
      [2500, 4000, 'Wrong number|and a stray blank line inside'],
      [5000, 6000, 'Short times'],
      [10000, 11000, 'Last cue'],
    ]);
    const codes = r.issues.map((i) => `${i.code}@${i.line}`);
    expect(codes).toEqual(
      expect.arrayContaining(['MISSING_INDEX@3', 'TIMESTAMP_FORMAT@3', 'WRONG_INDEX@6', 'TRAILING_TIMING_TEXT@7', 'STRAY_BLANK_LINE@9', 'BAD_TIMESTAMP@18', 'END_BEFORE_START@22', 'TAGS_STRIPPED@4']),
    );
    expect(r.ok).toBe(false); // two cues could not be read
    expect(r.issues.filter((i) => i.severity === 'error').map((i) => i.code).sort()).toEqual(['BAD_TIMESTAMP', 'END_BEFORE_START']);
  });

  it('turns every repair into an error in strict mode', () => {
    const lenient = parseSrt(fixtureBytes('subtitles', 'zh-gb18030.srt'));
    const strict = parseSrt(fixtureBytes('subtitles', 'zh-gb18030.srt'), { strict: true });
    expect(lenient.ok).toBe(true);
    expect(strict.ok).toBe(false);
    expect(strict.issues.find((i) => i.code === 'ENCODING')?.severity).toBe('error');
  });

  it('says clearly when a file is not SRT at all', () => {
    const r = parseSrt('just some words\nnothing else');
    expect(r.cues).toEqual([]);
    expect(r.issues.find((i) => i.code === 'NO_CUES')?.message).toMatch(/No SRT cues/);
  });

  it('round-trips: parse(format(track)) equals the track cues', () => {
    const once = parseSrt(formatSrt(track, { lineEnding: 'crlf' }));
    expect(once.issues).toEqual([]);
    expect(once.cues).toEqual(track.cues.map(({ speaker: _s, ...c }) => c));
    const twice = parseSrt(formatSrt({ cues: once.cues, speakers: [] }));
    expect(twice.cues).toEqual(once.cues);
  });
});

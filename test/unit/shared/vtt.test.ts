import { describe, expect, it } from 'vitest';
import { buildTrack } from '../../../src-main/shared/captions/segment';
import { resolvePreset } from '../../../src-main/shared/captions/presets';
import type { Track } from '../../../src-main/shared/captions/model';
import { formatVtt, parseVtt } from '../../../src-main/shared/formats/vtt';
import { fixtureBytes } from '../../helpers/fixtures';
import { fakeResult } from '../../helpers/funasr';
import { w3cParse } from '../../helpers/w3c-vtt';

const nasty: Track = {
  speakers: [{ id: 0, name: 'Dr. <Evil> & Co' }],
  cues: [
    { id: 'c1', start: 0, end: 1200, lines: ['a --> b', 'Tom & Jerry <3'], words: [] },
    { id: 'c2', start: 1300, end: 2000, lines: ['', 'only line'], words: [], speaker: 0 },
    { id: 'c3', start: 45_000_000, end: 45_000_500, lines: ['past twelve hours'], words: [] },
  ],
};

describe('WebVTT writer', () => {
  it('escapes text, never writes --> or blank lines in a payload, and passes the W3C parser', () => {
    const out = formatVtt(nasty, { cueIds: true });
    expect(out.startsWith('WEBVTT\n\nc1\n00:00:00.000 --> 00:00:01.200\n')).toBe(true);
    expect(out).toContain('a --&gt; b\nTom &amp; Jerry &lt;3');
    expect(out).toContain('<v Dr. &lt;Evil&gt; &amp; Co>only line</v>');
    expect(out).toContain('12:30:00.000 --> 12:30:00.500');
    const w3c = w3cParse(out);
    expect(w3c.errors).toEqual([]);
    expect(w3c.cues.map((c) => c.id)).toEqual(['c1', 'c2', 'c3']);
  });

  it('writes word timestamps inside the cue, increasing, accepted by the W3C parser', () => {
    const track = buildTrack(fakeResult([{ text: 'Welcome to the meeting.' }, { text: 'We will talk about captions, timing and speed.' }], { diarize: true }), resolvePreset('netflix-en'));
    const out = formatVtt(track, { wordTimestamps: true });
    expect(out).toMatch(/<v Speaker 1>Welcome <00:00:00\.\d{3}>to/);
    const w3c = w3cParse(out);
    expect(w3c.errors).toEqual([]);
    for (const cue of w3c.cues) {
      const stamps = [...cue.text.matchAll(/<(\d\d:\d\d:\d\d\.\d{3})>/g)].map((m) => m[1]);
      expect(stamps.length).toBeGreaterThan(0);
    }
    // Text edited by the user no longer matches its words: that cue gets no tags rather than wrong ones.
    const edited = { ...track, cues: track.cues.map((c, k) => (k === 0 ? { ...c, lines: ['Something else'] } : c)) };
    expect(formatVtt(edited, { wordTimestamps: true }).split('\n\n')[1]).not.toMatch(/<\d\d:/);
  });

  it('round-trips: parse(format(track)) keeps times, lines, speakers, settings', () => {
    const track: Track = {
      speakers: [{ id: 0, name: 'Mary' }, { id: 1, name: 'Tom' }],
      cues: [
        { id: 'c1', start: 1000, end: 2000, lines: ['Fish & chips <3'], words: [], speaker: 0 },
        { id: 'c2', start: 2100, end: 3000, lines: ['Two', 'lines'], words: [], speaker: 1, settings: 'align:start line:0' },
        { id: 'c3', start: 3100, end: 4000, lines: ['No speaker'], words: [] },
      ],
    };
    const parsed = parseVtt(formatVtt(track));
    expect(parsed.issues).toEqual([]);
    expect(parsed.cues).toEqual(track.cues);
    expect(parsed.speakers).toEqual(track.speakers);
    expect(parseVtt(formatVtt({ cues: parsed.cues, speakers: parsed.speakers })).cues).toEqual(parsed.cues);
  });
});

describe('WebVTT reader', () => {
  it('follows the W3C block rules: header, STYLE/REGION before cues, NOTE, ids, settings, voices, entities', () => {
    const r = parseVtt(fixtureBytes('subtitles', 'full.vtt'));
    expect(r.styles).toEqual(['::cue { color: yellow }']);
    expect(r.regions).toHaveLength(1);
    expect(r.notes).toEqual(['written by hand\nover two lines']);
    expect(r.cues.map((c) => [c.start, c.end, c.lines.join('|'), c.speaker, c.settings])).toEqual([
      [1000, 4000, 'Fish & chips <3', 0, 'align:start line:0'],
      [5000, 7500, 'Hi there, Mary!', 1, undefined],
      [3_600_000, 3_602_000, 'Italic and bold|second line', undefined, 'region:fred'],
      [3_603_000, 3_602_000, 'ends early', undefined, undefined],
      [3_604_000, 3_605_000, 'one-digit hours', undefined, undefined],
    ]);
    expect(r.speakers).toEqual([{ id: 0, name: 'Mary' }, { id: 1, name: 'Tom' }]);
    expect(r.cues[1]?.words.map((w) => [w.start, w.end, w.text])).toEqual([
      [5000, 5500, 'Hi'],
      [5500, 6000, 'there,'],
      [6000, 7500, 'Mary!'],
    ]);
    const codes = r.issues.map((i) => `${i.code}@${i.line}`);
    expect(codes).toEqual(expect.arrayContaining(['STYLE_AFTER_CUE@24', 'END_BEFORE_START@27', 'TAGS_STRIPPED@18']));
    expect(r.ok).toBe(true);
    expect(parseVtt(fixtureBytes('subtitles', 'full.vtt'), { strict: true }).ok).toBe(false);
  });

  it('agrees with the W3C parser on which cues the fixture holds', () => {
    const text = new TextDecoder().decode(fixtureBytes('subtitles', 'full.vtt'));
    const w3c = w3cParse(text);
    expect(w3c.cues.map((c) => Math.round(c.startTime * 1000))).toEqual(parseVtt(text).cues.map((c) => c.start));
  });

  it('reports an unreadable timing line as an error and skips that cue', () => {
    const r = parseVtt('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nok\n\n00:00:03,000 --> 00:00:04.000\ncomma\n');
    expect(r.cues.map((c) => c.lines[0])).toEqual(['ok']);
    expect(r.issues).toEqual([expect.objectContaining({ code: 'BAD_TIMESTAMP', line: 6, severity: 'error' })]);
  });

  it('rejects a file without the WEBVTT signature', () => {
    const r = parseVtt(fixtureBytes('subtitles', 'no-header.vtt'));
    expect(r.ok).toBe(false);
    expect(r.cues).toEqual([]);
    expect(r.issues[0]).toMatchObject({ code: 'NOT_WEBVTT', line: 1 });
  });
});

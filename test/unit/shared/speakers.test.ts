import { describe, expect, it } from 'vitest';
import type { Cue, Track } from '../../../src-main/shared/captions/model';
import { exportTrack } from '../../../src-main/shared/formats/export';

const cue = (n: number, lines: string[], speaker?: number): Cue => ({ id: `c${n}`, start: n * 2000, end: n * 2000 + 1500, lines, words: [], ...(speaker === undefined ? {} : { speaker }) });
const text = (t: Track, format: Parameters<typeof exportTrack>[1]['format'], speakers = true): string => new TextDecoder().decode(exportTrack(t, { format, speakers }));

describe('speakers only where there are speakers', () => {
  const solo: Track = { cues: [cue(0, ['Hello and welcome.'], 0), cue(1, ['This is a talk.'], 0)], speakers: [{ id: 0, name: 'Speaker 1' }] };

  it('a one-speaker transcript exports no labels in any format', () => {
    for (const format of ['srt', 'vtt', 'ass', 'ttml', 'sbv', 'lrc', 'txt'] as const) {
      const out = text(solo, format);
      expect(out, format).not.toContain('Speaker 1');
      expect(out, format).toContain('Hello and welcome.');
    }
  });

  const two: Track = {
    cues: [cue(0, ['Shall we start?'], 0), cue(1, ['Yes, the first point.'], 0), cue(2, ['I disagree.'], 1), cue(3, ['- Why?', '- Because.'], 0), cue(4, ['Let me explain.'], 0)],
    speakers: [{ id: 0, name: 'Ann' }, { id: 1, name: 'Bo' }],
  };

  it('SRT names a speaker where the turn changes, and uses dashes for two speakers in one cue', () => {
    const blocks = text(two, 'srt').trim().split('\n\n').map((b) => b.split('\n').slice(2).join(' | '));
    expect(blocks).toEqual(['Ann: Shall we start?', 'Yes, the first point.', 'Bo: I disagree.', '- Why? | - Because.', 'Ann: Let me explain.']);
  });

  it('WebVTT keeps a voice span on every cue', () => {
    const out = text(two, 'vtt');
    expect(out).toContain('<v Ann>Shall we start?');
    expect(out).toContain('<v Ann>Yes, the first point.');
    expect(out).toContain('<v Bo>I disagree.');
  });

  it('CRLF and BOM apply to every format with lines', () => {
    for (const format of ['srt', 'vtt', 'ass', 'ttml', 'sbv', 'lrc', 'fcpxml', 'txt', 'json'] as const) {
      const bytes = exportTrack(two, { format, lineEnding: 'crlf', bom: true });
      const s = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
      expect(s.startsWith('\uFEFF'), format).toBe(true);
      expect(s.replace(/\r\n/g, ''), format).not.toContain('\n');
      expect(s, format).toContain('\r\n');
    }
  });
});

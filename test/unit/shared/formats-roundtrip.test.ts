/**
 * Every writer/reader pair keeps hostile text (arrows, tags, entities, braces, digits-only and
 * timing-shaped lines, LRC tags) and times, over many generated tracks (property style, seeded);
 * and independent readers accept what we write: ffmpeg (libass, its SRT/WebVTT demuxers) and an
 * XML validator with the IMSC 1.1 Text profile's structure.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { Track } from '../../../src-main/shared/captions/model';
import { exportTrack, type ExportFormat } from '../../../src-main/shared/formats/export';
import { readSubtitle } from '../../../src-main/shared/formats/read';
import { hostileTrack } from '../../helpers/hostile-tracks';

/** Format → time precision in ms, and whether a cue keeps its line breaks. */
const PAIRS: [ExportFormat, number, boolean][] = [
  ['srt', 0, true], ['vtt', 0, true], ['ass', 10, true], ['ssa', 10, true], ['ttml', 0, true], ['sbv', 0, true], ['lrc', 10, false], ['fcpxml', 40, true],
];

const norm = (s: string): string => s.replace(/\s+/g, ' ').trim();

describe('hostile text survives every writer/reader pair', () => {
  for (const [format, precision, keepsLines] of PAIRS) {
    it(`${format}: 40 generated tracks read back with the same text and times`, () => {
      for (let seed = 1; seed <= 40; seed++) {
        const track = hostileTrack(seed);
        const bytes = exportTrack(track, { format });
        const back = readSubtitle(format, bytes);
        const got = back.cues.map((c) => (keepsLines ? c.lines.map(norm) : [norm(c.lines.join(' '))]));
        const want = track.cues.map((c) => (keepsLines ? c.lines.map(norm) : [norm(c.lines.join(' '))]));
        expect(got, `${format} seed ${seed}`).toEqual(want);
        back.cues.forEach((c, k) => {
          expect(Math.abs(c.start - track.cues[k]!.start), `${format} seed ${seed} cue ${k} start`).toBeLessThanOrEqual(precision / 2 + 0.5);
          expect(Math.abs(c.end - track.cues[k]!.end), `${format} seed ${seed} cue ${k} end`).toBeLessThanOrEqual(precision / 2 + 0.5);
        });
        expect(back.issues.filter((i) => i.severity === 'error')).toEqual([]);
      }
    });
  }
});

const speakerTrack: Track = {
  speakers: [{ id: 0, name: 'Dr. <Evil>, & Co' }, { id: 1, name: '主持人' }],
  cues: [
    { id: 'c1', start: 1000, end: 2500, lines: ['大家好，欢迎收看。', 'Hello and welcome.'], words: [], speaker: 1 },
    { id: 'c2', start: 3000, end: 4200, lines: ['One line only'], words: [], speaker: 0 },
  ],
};

describe('formats keep speakers and bilingual lines', () => {
  it('ASS: speakers in Name, bilingual lines as two styles that read back as one cue', () => {
    const text = new TextDecoder().decode(exportTrack(speakerTrack, { format: 'ass', bilingual: true }));
    expect(text).toMatch(/^Style: Default,/m);
    expect(text).toMatch(/^Style: Secondary,/m);
    expect(text).toContain('Dialogue: 0,0:00:01.00,0:00:02.50,Default,主持人,0,0,0,,大家好，欢迎收看。');
    expect(text).toContain('Dialogue: 0,0:00:01.00,0:00:02.50,Secondary,主持人,0,0,0,,Hello and welcome.');
    const back = readSubtitle('ass', new TextEncoder().encode(text));
    expect(back.cues.map((c) => c.lines)).toEqual(speakerTrack.cues.map((c) => c.lines));
    expect(back.cues.map((c) => back.speakers.find((s) => s.id === c.speaker)?.name)).toEqual(['主持人', 'Dr. <Evil>  & Co']);
  });

  it('TTML: speakers as ttm:agent read back', () => {
    const back = readSubtitle('ttml', exportTrack(speakerTrack, { format: 'ttml' }));
    expect(back.cues.map((c) => back.speakers.find((s) => s.id === c.speaker)?.name)).toEqual(['主持人', 'Dr. <Evil>, & Co']);
  });

  it('LRC: word times where the words still match the text (enhanced LRC)', () => {
    const track: Track = { speakers: [], cues: [{ id: 'c1', start: 1000, end: 3000, lines: ['Hello big world.'], words: [{ start: 1000, end: 1400, text: 'Hello', punct: '' }, { start: 1500, end: 2000, text: 'big', punct: '' }, { start: 2100, end: 3000, text: 'world', punct: '.' }] }] };
    const text = new TextDecoder().decode(exportTrack(track, { format: 'lrc' }));
    expect(text).toContain('[00:01.00]<00:01.00>Hello <00:01.50>big <00:02.10>world.<00:03.00>');
    const back = readSubtitle('lrc', new TextEncoder().encode(text));
    expect(back.cues[0]!.lines).toEqual(['Hello big world.']);
    expect(back.cues[0]!.words.map((w) => [w.start, w.text])).toEqual([[1000, 'Hello'], [1500, 'big'], [2100, 'world.']]);
    expect(back.cues[0]!.end).toBe(3000);
  });
});

describe('independent readers accept what we write', () => {
  const dir = mkdtempSync(join(tmpdir(), 'captioner-formats-'));
  const track = hostileTrack(7);
  /** ffmpeg converts our file to ASS with its own demuxer and decoder (libass's reading of ASS), giving each event's text. */
  const viaFfmpeg = (format: ExportFormat): string[] => {
    const file = join(dir, `x.${format}`);
    writeFileSync(file, exportTrack(track, { format }));
    const ass = execFileSync('ffmpeg', ['-v', 'error', '-i', file, '-f', 'ass', '-'], { encoding: 'utf8' });
    return ass.split('\n').filter((l) => l.startsWith('Dialogue:')).map((l) => l.split(',').slice(9).join(','));
  };
  /** What a viewer sees of an ASS event: override blocks hidden, \N a line break, \{ \} ffmpeg's escaped braces. */
  const seen = (t: string): string => t.replace(/\\([{}])/g, (_, b: string) => (b === '{' ? '\ue000' : '\ue001')).replace(/\{[^}]*\}/g, '').replace(/\\N/g, ' ').replace(/\ue000/g, '{').replace(/\ue001/g, '}').replace(/\u200b/g, '');

  it.each(['ass', 'ssa', 'srt', 'vtt'] as const)('ffmpeg reads every event of our %s with its text', (format) => {
    const events = viaFfmpeg(format);
    expect(events).toHaveLength(track.cues.length);
    // Our escapes as a viewer sees them: fullwidth braces and backslash (ASS, and a brace pair in SRT).
    const fullwidth = (s: string): string => s.replace(/[｛｝＼]/g, (c) => ({ '｛': '{', '｝': '}', '＼': '\\' })[c]!);
    expect(events.map((e) => norm(fullwidth(seen(e))))).toEqual(track.cues.map((c) => norm(c.lines.join(' '))));
  });

  it('TTML is well-formed and follows the IMSC 1.1 Text profile structure', () => {
    const text = new TextDecoder().decode(exportTrack(speakerTrack, { format: 'ttml' }));
    expect(XMLValidator.validate(text)).toBe(true);
    expect(text).toContain('ttp:contentProfiles="http://www.w3.org/ns/ttml/profile/imsc1.1/text"');
    expect(text).toMatch(/<tt [^>]*xml:lang="[^"]+"/);
    // IMSC: media time base, clock times with a fraction, no images, no frames without a frame rate.
    expect(text).toContain('ttp:timeBase="media"');
    for (const m of text.matchAll(/(?:begin|end)="([^"]+)"/g)) expect(m[1]).toMatch(/^\d{2,}:\d{2}:\d{2}\.\d{3}$/);
    expect(text).not.toMatch(/<image|smpte:|tts:opacity="0"/);
  });

  it('FCPXML is well-formed, with frame-aligned caption times on lane 1 and an iTT role', () => {
    const text = new TextDecoder().decode(exportTrack(speakerTrack, { format: 'fcpxml', fps: 25 }));
    expect(XMLValidator.validate(text)).toBe(true);
    for (const m of text.matchAll(/<caption lane="1" offset="([^"]+)" duration="([^"]+)"[^>]*role="iTT\?captionFormat=ITT\.[a-z-]+"/gi)) {
      for (const t of [m[1]!, m[2]!]) expect(t === '0s' || /^\d+\/2500s$/.test(t) && Number(t.split('/')[0]) % 100 === 0).toBe(true);
    }
    expect([...text.matchAll(/<caption /g)]).toHaveLength(2);
  });
});

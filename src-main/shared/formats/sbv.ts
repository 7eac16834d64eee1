import { makeIdFactory, speakerName, type Cue, type Track } from '../captions/model';
import { IssueList } from './issues';
import type { SubtitleParseResult } from './srt';

/**
 * SubViewer as YouTube writes it (.sbv): `H:MM:SS.mmm,H:MM:SS.mmm`, text lines, a blank line.
 * Too small a format for a library; none on npm reads it and is kept up.
 */

function time(ms: number): string {
  const t = Math.max(0, Math.round(ms));
  const h = Math.floor(t / 3_600_000);
  const m = Math.floor((t % 3_600_000) / 60_000);
  const s = Math.floor((t % 60_000) / 1000);
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${String(t % 1000).padStart(3, '0')}`;
}

const TIMING = /^\s*(\d+):(\d{1,2}):(\d{1,2})[.,](\d{1,3})\s*,\s*(\d+):(\d{1,2}):(\d{1,2})[.,](\d{1,3})\s*$/;
const ms = (h: string, m: string, s: string, f: string): number => Number(h) * 3_600_000 + Number(m) * 60_000 + Number(s) * 1000 + Number(f.padEnd(3, '0'));
/** A caption line that reads as a timing line gets a zero-width space after its first character. */
const guard = (l: string): string => (TIMING.test(l) ? `${l.slice(0, 1)}\u200b${l.slice(1)}` : l);
const unguard = (l: string): string => (l.charCodeAt(1) === 0x200b && TIMING.test(l.slice(0, 1) + l.slice(2)) ? l.slice(0, 1) + l.slice(2) : l);

export function formatSbv(track: Pick<Track, 'cues' | 'speakers'>, opts: { speakers?: boolean } = {}): string {
  const out: string[] = [];
  for (const cue of track.cues) {
    const lines = cue.lines.map((l) => l.replace(/[\r\n]+/g, ' ')).filter((l) => l.trim() !== '');
    if (!lines.length) continue;
    if (opts.speakers && cue.speaker !== undefined) lines[0] = `${speakerName(track, cue.speaker)}: ${lines[0]}`;
    out.push(`${time(cue.start)},${time(cue.end)}\n${lines.map(guard).join('\n')}\n`);
  }
  return out.join('\n');
}

export function parseSbv(text: string): SubtitleParseResult {
  const issues = new IssueList(false);
  const lines = text.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n').split('\n');
  const cues: Cue[] = [];
  const nextId = makeIdFactory();
  let cur: Cue | null = null;
  lines.forEach((line, k) => {
    const m = TIMING.exec(line);
    if (m && (cur === null || cur.lines.length === 0 || lines[k - 1]?.trim() === '')) {
      cur = { id: nextId(), start: ms(m[1]!, m[2]!, m[3]!, m[4]!), end: ms(m[5]!, m[6]!, m[7]!, m[8]!), lines: [], words: [] };
      cues.push(cur);
    } else if (line.trim() === '') {
      if (cur && cur.lines.length) cur = { ...cur, lines: cur.lines }; // a blank line ends the text
    } else if (cur && lines[k - 1]?.trim() !== '') cur.lines.push(unguard(line.trim()));
    else issues.repair('STRAY_TEXT', k + 1, `Text outside any cue ignored: "${line.trim().slice(0, 40)}"`);
  });
  if (!cues.length) issues.error('NO_CUES', 1, 'No SBV cues found: is this really a YouTube .sbv file?');
  return { cues, issues: issues.items, ok: issues.ok };
}

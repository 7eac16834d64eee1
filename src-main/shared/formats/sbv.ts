import { makeIdFactory, speakerName, type Cue, type Track } from '../captions/model';
import { IssueList } from './issues';
import type { SubtitleParseResult } from './srt';
import { DOT, begin, code, end, hasText, hoursClock, plainText, reserve, specialChars, text } from './writer';

/**
 * SubViewer as YouTube writes it (.sbv): `H:MM:SS.mmm,H:MM:SS.mmm`, text lines, a blank line.
 * Too small a format for a library; none on npm reads it and is kept up.
 */

const TIMING = /^\s*(\d+):(\d{1,2}):(\d{1,2})[.,](\d{1,3})\s*,\s*(\d+):(\d{1,2}):(\d{1,2})[.,](\d{1,3})\s*$/;
const ms = (h: string, m: string, s: string, f: string): number => Number(h) * 3_600_000 + Number(m) * 60_000 + Number(s) * 1000 + Number(f.padEnd(3, '0'));
/** A caption line that reads as a timing line gets a zero-width space after its first character. */
const guard = (l: string): string => (TIMING.test(l) ? `${l.slice(0, 1)}\u200b${l.slice(1)}` : l);
const unguard = (l: string): string => (l.charCodeAt(1) === 0x200b && TIMING.test(l.slice(0, 1) + l.slice(2)) ? l.slice(0, 1) + l.slice(2) : l);

export function formatSbv(track: Pick<Track, 'cues' | 'speakers'>, opts: { speakers?: boolean } = {}): string {
  begin(track.cues.length * 80);
  let first = true;
  for (const cue of track.cues) {
    let room = 64;
    let any = false;
    for (const l of cue.lines) {
      room += 2 * l.length + 3; // the guard adds one character; a label is counted below
      if (!any && hasText(l)) any = true;
    }
    if (!any) continue;
    const label = opts.speakers && cue.speaker !== undefined ? `${speakerName(track, cue.speaker)}: ` : '';
    reserve(room + 2 * label.length);
    if (!first) code(10);
    first = false;
    hoursClock(cue.start, DOT);
    code(44);
    hoursClock(cue.end, DOT);
    code(10);
    let k = 0;
    for (const l of cue.lines) {
      if (!hasText(l)) continue;
      // Line breaks become spaces; a line that may read as a timing line is guarded.
      if (k === 0 && label !== '') text(guard(label + l.replace(/[\r\n]+/g, ' ')));
      else if (!notTiming(l) || !plainText(l, LINE_ENDS)) text(guard(l.replace(/[\r\n]+/g, ' ')));
      code(10);
      k++;
    }
  }
  return end();
}

const LINE_ENDS = specialChars('\r\n');

/** A line whose first character rules out TIMING (which starts with whitespace or a digit). */
function notTiming(l: string): boolean {
  const c = l.charCodeAt(0);
  return (c > 32 && c < 127 && (c < 48 || c > 57)) || (c > 0x3000 && c !== 0xfeff);
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

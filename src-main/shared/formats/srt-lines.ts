import { parseCanonical, parseSrtTimestamp } from './timecode';

/** How the SRT reader classifies and cleans lines: blanks, index and timing lines, tags, the writer's guard. */

export const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 13 || c === 0xa0 || c === 0xfeff;
/** Blank without allocating a trimmed copy for the common, non-blank case. */
export const isBlank = (s: string): boolean => s.length === 0 || (isSpace(s.charCodeAt(0)) && s.trim() === '');
export const trimFast = (s: string): string => (s.length && (isSpace(s.charCodeAt(0)) || isSpace(s.charCodeAt(s.length - 1))) ? s.trim() : s);

const TIMING = /^\s*(\S+)\s*-{1,2}>\s*(\S+)(.*)$/;

const isCanonicalTiming = (line: string): boolean => line.length === 29 && line.charCodeAt(13) === 45 && line.startsWith(' --> ', 12);
export const looksLikeTiming = (line: string): boolean => isCanonicalTiming(line) || (line.includes('->') && TIMING.test(line));
const scratch: Timing = { start: 0, end: 0, repaired: false, trailing: false };
/** A line is a timing line only when both sides read as times: `A --> B` in a caption is text. */
export const isTimingLine = (line: string): boolean => isCanonicalTiming(line) || (line.includes('->') && readTiming(line, scratch));

/**
 * A caption line that would read as a timing line is written with a zero-width space after its
 * first character, so no SRT reader takes it for structure; our reader removes exactly that mark.
 */
const GUARD = '\u200b';
export function guardSrtLine(l: string): string {
  // One scan for the characters any of this needs ('<', '>' of an arrow, '{'); most lines have none.
  let plain = true;
  for (let i = 0; i < l.length; i++) {
    const c = l.charCodeAt(i);
    if (c === 60 || c === 62 || c === 123) {
      plain = false;
      break;
    }
  }
  if (plain) return l;
  // Text that players would take for formatting gets the same mark after its opener (`<b>`, `</i>`);
  // a brace pair (`{…}`, hidden as an ASS override by ffmpeg, mpv and VLC) opens with a fullwidth brace.
  const g = l.includes('<') || l.includes('{') ? l.replace(/<(?=\/?[a-z])/gi, `<${GUARD}`).replace(/\{(?=[^}]*\})/g, `\uff5b${GUARD}`) : l;
  return g.includes('->') && isTimingLine(g) ? g.slice(0, 1) + GUARD + g.slice(1) : g;
}
export function unguard(l: string): string {
  if (!l.includes(GUARD)) return l;
  const g = l.replace(/<\u200b(?=\/?[a-z])/gi, '<').replace(/\uff5b\u200b/g, '{');
  return g.charCodeAt(1) === 0x200b && isTimingLine(g.slice(0, 1) + g.slice(2)) ? g.slice(0, 1) + g.slice(2) : g;
}

export function isIndexLine(line: string): boolean {
  const len = line.length;
  if (!len) return false;
  for (let i = 0; i < len; i++) {
    const c = line.charCodeAt(i);
    if (c < 48 || c > 57) return (isSpace(line.charCodeAt(0)) || isSpace(line.charCodeAt(len - 1))) && /^\s*\d+\s*$/.test(line);
  }
  return true;
}

export interface Timing {
  start: number;
  end: number;
  repaired: boolean;
  trailing: boolean;
}

/** Canonical `00:00:01,000 --> 00:00:02,000` without regexes; anything else leniently. Fills `out`. */
export function readTiming(line: string, out: Timing): boolean {
  if (line.length === 29 && line.charCodeAt(12) === 32 && line.startsWith(' --> ', 12)) {
    const start = parseCanonical(line, 0, 44);
    const end = start === null ? null : parseCanonical(line, 17, 44);
    if (start !== null && end !== null) {
      out.start = start;
      out.end = end;
      out.repaired = false;
      out.trailing = false;
      return true;
    }
  }
  const m = TIMING.exec(line);
  if (!m) return false;
  const a = parseSrtTimestamp(m[1] ?? '');
  const b = parseSrtTimestamp(m[2] ?? '');
  if (!a || !b) return false;
  out.start = a.ms;
  out.end = b.ms;
  out.repaired = a.repaired || b.repaired;
  out.trailing = (m[3] ?? '').trim() !== '';
  return true;
}

const TAG = /<\/?(?:i|b|u|s|font)(?:\s[^>]*)?>|\{\\[^}]*\}/gi;

/**
 * A cue text line as the reader keeps it: formatting tags (<i>, <b>, <u>, <s>, <font>, {\\…})
 * removed, trimmed, the writer's guard undone. `tagged`: whether tags were removed; '' when
 * nothing is left. One definition for the canonical scan and the lenient parser.
 */
export function readTextLine(l: string): { text: string; tagged: boolean } {
  let clean = l;
  if (l.includes('<') || l.includes('{')) clean = l.replace(TAG, '');
  return { text: isBlank(clean) ? '' : unguard(trimFast(clean)), tagged: clean !== l };
}

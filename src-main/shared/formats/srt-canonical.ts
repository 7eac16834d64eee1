import { cueId, type Cue } from '../captions/model';
import { arrowAt, nextAt } from './scan';
import { isSpace, readTextLine } from './srt-lines';
import { parseCanonical } from './timecode';

export interface CanonicalSrt {
  cues: Cue[];
  /** Where the first line that lost formatting tags starts (for the reader's one warning), or -1. */
  taggedAt: number;
}

/**
 * The common case, a well-formed file read by position without splitting it: index, canonical
 * timing, text, blank line — with what real-world files add and the lenient parser would only
 * repair silently: extra blank lines between cues, and formatting tags in the text (removed
 * exactly as the lenient parser does; see readTextLine). `from` skips a BOM without copying the
 * text. Returns null at the first deviation that the lenient line parser must report (a missing
 * or wrong index, an odd timing line, a padded or blank-inside-cue line, an arrow in the text),
 * and that parser takes over from scratch.
 *
 * Text lines are never read a character at a time: the next `<`, `{`, `｛` and `->` in the file
 * are found by native searches (scan.ts `nextAt`), and a line holds one when it ends past it.
 */
export function parseCanonicalSrt(text: string, from = 0): CanonicalSrt | null {
  const n = text.length;
  const cues: Cue[] = [];
  let taggedAt = -1;
  let pos = from;
  let expected = 1;
  // The next tag opener, brace, guarded fullwidth brace and arrow at or after the line being read (n: none left).
  let lt = -1;
  let brace = -1;
  let wide = -1;
  let arrow = -1;
  while (pos < n) {
    if (text.charCodeAt(pos) === 10) {
      pos++; // a blank line between cues
      continue;
    }
    const nl = text.indexOf('\n', pos);
    if (nl < 0) return null;
    let index = 0;
    for (let i = pos; i < nl; i++) {
      const c = text.charCodeAt(i) - 48;
      if (c < 0 || c > 9) return null;
      index = index * 10 + c;
    }
    if (index !== expected++) return null;
    const t = nl + 1;
    if (text.charCodeAt(t + 29) !== 10 || !arrowAt(text, t + 12)) return null;
    const start = parseCanonical(text, t, 44);
    const end = parseCanonical(text, t + 17, 44);
    if (start === null || end === null || end < start) return null;
    const lines: string[] = [];
    let at = t + 30;
    while (at < n) {
      let e = text.indexOf('\n', at);
      if (e < 0) e = n;
      if (e === at) break; // the blank line that ends the cue
      // Padded with spaces, or holding an arrow (a line that may be structure): only the lenient parser decides those.
      const first = text.charCodeAt(at);
      const last = text.charCodeAt(e - 1);
      if (first <= 32 || last <= 32 || isSpace(first) || isSpace(last)) return null;
      if (arrow < at) arrow = nextAt(text, '->', at);
      if (arrow < e) return null;
      if (lt < at) lt = nextAt(text, '<', at);
      if (brace < at) brace = nextAt(text, '{', at);
      if (wide < at) wide = nextAt(text, '\uff5b', at);
      const l = text.slice(at, e);
      if (lt >= e && brace >= e && wide >= e) lines.push(l);
      else {
        // Tags to remove (<i>, {\\an8}), or the writer's guard mark to undo (see readTextLine).
        const r = readTextLine(l);
        if (r.tagged && taggedAt < 0) taggedAt = at;
        if (r.text) lines.push(r.text);
      }
      at = e + 1;
    }
    if (!lines.length) return null;
    cues.push({ id: cueId(cues.length + 1), start, end, lines, words: [] });
    pos = at;
  }
  return { cues, taggedAt };
}

import { makeIdFactory, type Cue } from '../captions/model';
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
 */
export function parseCanonicalSrt(text: string, from = 0): CanonicalSrt | null {
  const n = text.length;
  const cues: Cue[] = [];
  const nextId = makeIdFactory();
  let taggedAt = -1;
  let pos = from;
  let expected = 1;
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
    if (text.charCodeAt(t + 29) !== 10 || !text.startsWith(' --> ', t + 12)) return null;
    const start = parseCanonical(text, t, 44);
    const end = parseCanonical(text, t + 17, 44);
    if (start === null || end === null || end < start) return null;
    const lines: string[] = [];
    let at = t + 30;
    while (at < n) {
      let e = text.indexOf('\n', at);
      if (e < 0) e = n;
      if (e === at) break; // the blank line that ends the cue
      const kind = lineKind(text, at, e);
      if (kind === UNSAFE) return null;
      const l = text.slice(at, e);
      if (kind === PLAIN) lines.push(l);
      else {
        const r = readTextLine(l);
        if (r.tagged && taggedAt < 0) taggedAt = at;
        if (r.text) lines.push(r.text);
      }
      at = e + 1;
    }
    if (!lines.length) return null;
    cues.push({ id: nextId(), start, end, lines, words: [] });
    pos = at;
  }
  return { cues, taggedAt };
}

const PLAIN = 0;
const MARKUP = 1;
const UNSAFE = 2;

/**
 * PLAIN: kept as it is. MARKUP: holds `<` or `{` (tags to remove) or the writer's guard mark
 * (to undo). UNSAFE: padded with spaces,
 * or holding an arrow (a line that may be structure): only the lenient parser decides those.
 */
function lineKind(text: string, from: number, to: number): number {
  const first = text.charCodeAt(from);
  const last = text.charCodeAt(to - 1);
  if (first <= 32 || last <= 32 || isSpace(first) || isSpace(last)) return UNSAFE;
  let kind = PLAIN;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 60 || c === 123 || c === 0x200b) kind = MARKUP;
    else if (c === 62 && text.charCodeAt(i - 1) === 45) return UNSAFE;
  }
  return kind;
}

import { arrowAt, nextAt } from './scan';
import { parseCanonical } from './timecode';
import { addCue, addPlainCue, trimmedLines, vttCueList, type VttCueList } from './vtt-cues';
import { cleanSettings } from './vtt-timing';

export interface CanonicalVtt {
  list: VttCueList;
  /** Where the text of the first cue that lost formatting starts (for the reader's one warning), or -1. */
  strippedAt: number;
}

/**
 * The common case written by Captioner and most tools, read by position without splitting the
 * file: "WEBVTT", then cues of optional id, canonical timing with optional settings, and text —
 * plain, or with markup and character references, which go through the W3C cue text rules exactly
 * as in the full parser (vtt-cues). Any number of blank lines may separate blocks, as the W3C
 * parser allows. `from` skips a BOM without copying the text. Returns null at anything the full
 * parser must decide or report (header text, NOTE, STYLE, REGION, odd timings or spacing, cues out
 * of order or empty, an arrow in the text), and that parser takes over from scratch.
 *
 * Text lines are never read a character at a time: the next `<`, `&`, `-->` and CR in the file
 * are found by native searches (scan.ts `nextAt`), and a line holds one when it ends past it.
 */
export function parseCanonicalVtt(text: string, from: number, crlf = false): CanonicalVtt | null {
  if (!text.startsWith(crlf ? 'WEBVTT\r\n\r\n' : 'WEBVTT\n\n', from)) return null;
  const n = text.length;
  // With `crlf` every line must end in CR LF (checked as it goes: the text is never copied to
  // turn them into LF); a lone CR or LF anywhere sends the file to the full parser.
  const cr = crlf ? 1 : 0;
  const list = vttCueList();
  let strippedAt = -1;
  let prevStart = -1;
  // The next markup character, arrow and CR at or after the line being read (n: none left).
  let lt = -1;
  let amp = -1;
  let arrow = -1;
  let ret = -1;
  let pos = from + 8 + 2 * cr;
  while (pos < n) {
    const c0 = text.charCodeAt(pos);
    if (c0 === 10 || (crlf && c0 === 13)) {
      if (crlf && (c0 !== 13 || text.charCodeAt(pos + 1) !== 10)) return null;
      pos += 1 + cr; // a blank line between blocks
      continue;
    }
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = n;
    else if (crlf && text.charCodeAt(nl - 1) !== 13) return null;
    let t = pos;
    let label = '';
    if (!arrowAt(text, pos + 12)) {
      // An id line; it must not look like anything else.
      label = text.slice(pos, nl < n ? nl - cr : n);
      if (label.includes('-->') || (crlf && label.includes('\r')) || /^(NOTE|STYLE|REGION)\b/.test(label) || label.charCodeAt(0) <= 32 || label.charCodeAt(label.length - 1) <= 32) return null;
      t = nl + 1;
      nl = text.indexOf('\n', t);
      if (nl < 0 || (crlf && text.charCodeAt(nl - 1) !== 13)) return null;
      if (!arrowAt(text, t + 12)) return null;
    }
    nl -= cr; // where the timing line's content ends
    const start = parseCanonical(text, t, 46);
    const end = parseCanonical(text, t + 17, 46);
    if (start === null || end === null || end <= start) return null;
    let settings = '';
    if (nl > t + 29) {
      if (text.charCodeAt(t + 29) !== 32) return null;
      settings = text.slice(t + 30, nl);
      if (cleanSettings(settings) !== settings) return null;
    }
    const body = nl + cr + 1;
    if (body >= n || text.charCodeAt(body) === 10 || text.charCodeAt(body) === 13) return null; // no text: the full parser warns
    if (start < prevStart) return null; // out of order: the full parser warns
    prevStart = start;
    // The text lines, up to a blank line; plain ones are kept as they are, without another copy.
    const lines: string[] = [];
    let markup = false;
    let padded = false;
    let at = body;
    while (at < n) {
      let e = text.indexOf('\n', at);
      let ce = e; // where the line's content ends
      if (e < 0) ce = e = n;
      else if (crlf) {
        if (text.charCodeAt(e - 1) !== 13) return null;
        ce = e - 1;
      }
      if (ce === at) break;
      // A line with an arrow (it may start a block) or a stray CR: the full parser decides.
      if (arrow < at) arrow = nextAt(text, '-->', at);
      if (ret < at) ret = nextAt(text, '\r', at);
      if (arrow < ce || ret < ce) return null;
      if (!markup) {
        if (lt < at) lt = nextAt(text, '<', at);
        if (amp < at) amp = nextAt(text, '&', at);
        if (lt < ce || amp < ce) markup = true; // the W3C cue text rules apply
        else {
          if (text.charCodeAt(at) <= 32 || text.charCodeAt(ce - 1) <= 32) padded = true;
          lines.push(text.slice(at, ce));
        }
      }
      at = e + 1;
    }
    const bodyEnd = at > n ? n : at - 1 - cr;
    if (markup) {
      const cueText = text.slice(body, bodyEnd);
      if (addCue(list, crlf ? cueText.replaceAll('\r\n', '\n') : cueText, start, end, label, settings) && strippedAt < 0) strippedAt = body;
    } else addPlainCue(list, padded ? trimmedLines(lines) : lines, start, end, label, settings);
    if (!(list.cues[list.cues.length - 1] as { lines: string[] }).lines.length) return null;
    pos = at;
  }
  return { list, strippedAt };
}

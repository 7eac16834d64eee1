import { parse as parseAssText } from 'ass-compiler';
import { isWhite } from './scan';

/** What the ASS reader takes from a Dialogue event, as ass-compiler gives it (times in seconds). */
export interface AssDialogue {
  Start: number;
  End: number;
  Style: string;
  Name: string;
  /** Missing when the event has no Text field (a line cut short, or a Format line without Text). */
  Text?: { raw: string; combined: string };
}

export interface AssDocument {
  styles: ReturnType<typeof parseAssText>['styles']['style'];
  dialogue: AssDialogue[];
}

/** The two Format lines writers use (ours among them): ASS and SSA. */
const FORMATS = new Set(['Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text', 'Format: Marked, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text']);

/**
 * An ASS/SSA file as ass-compiler reads it — styles and Dialogue events — with the events of the
 * common layout read by position instead: an [Events] section that comes last, with one of the
 * two standard Format lines before its events. There a Dialogue line without override blocks is
 * split here, exactly as ass-compiler splits it (fields at the first nine commas, trimmed, times
 * as `h * 3600 + m * 60 + s`); any other Dialogue line goes through ass-compiler on its own, and
 * any other layout through ass-compiler whole. Throws what ass-compiler throws.
 */
export function readAssDocument(text: string): AssDocument {
  const events = eventsSection(text);
  if (events < 0) return whole(text);
  const n = text.length;
  const dialogue: AssDialogue[] = [];
  let format = '';
  for (let pos = events; pos <= n; ) {
    let e = text.indexOf('\n', pos);
    if (e < 0) e = n;
    const line = text.slice(pos, e).trim(); // lines as ass-compiler takes them: split at /\r?\n/, trimmed
    pos = e + 1;
    if (line.startsWith('Dialogue:')) {
      if (!format) return whole(text);
      const d = plainDialogue(line) ?? parseAssText(`[Events]\n${format}\n${line}`).events.dialogue[0];
      if (d) dialogue.push(d);
      continue;
    }
    const c = line.charCodeAt(0);
    if (c === 59) continue; // a ; comment
    if (c === 91) return whole(text); // another section after the events
    if (/^Format\s*:/i.test(line)) {
      if (format || !FORMATS.has(line)) return whole(text);
      format = line;
    } else if (/^Dialogue\s*:/i.test(line)) {
      // Spelled otherwise ("dialogue :"): as ass-compiler reads it on its own.
      if (!format) return whole(text);
      const d = parseAssText(`[Events]\n${format}\n${line}`).events.dialogue[0];
      if (d) dialogue.push(d);
    } // Comment events and anything else: not shown, as in ass-compiler
  }
  return { styles: parseAssText(text.slice(0, events)).styles.style, dialogue };
}

/** Where the lines after the first [Events] line start (as ass-compiler finds it), or -1 when there is none. */
function eventsSection(text: string): number {
  const n = text.length;
  for (let pos = 0; pos <= n; ) {
    let e = text.indexOf('\n', pos);
    if (e < 0) e = n;
    const line = text.slice(pos, e).trim();
    pos = e + 1;
    if (line.charCodeAt(0) !== 59 && /^\[Events\]/i.test(line)) return pos;
  }
  return -1;
}

function whole(text: string): AssDocument {
  const doc = parseAssText(text);
  return { styles: doc.styles.style, dialogue: doc.events.dialogue };
}

/** What ends ass-compiler's `(.*)` early (CR, U+2028, U+2029), or starts an override block. */
const NOT_PLAIN = /[{\r\u2028\u2029]/;

/**
 * A `Dialogue:` line with ten fields or more, no override block (`{`) and none of the characters
 * that end ass-compiler's match early; null for anything else.
 */
function plainDialogue(line: string): AssDialogue | null {
  let v = 9; // after "Dialogue:"
  while (v < line.length && isWhite(line.charCodeAt(v))) v++;
  if (NOT_PLAIN.test(line)) return null;
  const c1 = line.indexOf(',', v);
  const c2 = c1 < 0 ? -1 : line.indexOf(',', c1 + 1);
  const c3 = c2 < 0 ? -1 : line.indexOf(',', c2 + 1);
  const c4 = c3 < 0 ? -1 : line.indexOf(',', c3 + 1);
  const c5 = c4 < 0 ? -1 : line.indexOf(',', c4 + 1);
  let c9 = c5;
  for (let k = 5; k < 9 && c9 >= 0; k++) c9 = line.indexOf(',', c9 + 1);
  if (c9 < 0) return null;
  const t = line.slice(c9 + 1).trim();
  return { Start: assSeconds(line.slice(c1 + 1, c2).trim()), End: assSeconds(line.slice(c2 + 1, c3).trim()), Style: line.slice(c3 + 1, c4).trim(), Name: line.slice(c4 + 1, c5).trim(), Text: { raw: t, combined: t } };
}

/** ass-compiler's time: the `:`-separated parts as h * 3600 + m * 60 + s, with JavaScript's number conversions. */
function assSeconds(time: string): number {
  const a = time.indexOf(':');
  const b = a < 0 ? -1 : time.indexOf(':', a + 1);
  const c = b < 0 ? -1 : time.indexOf(':', b + 1);
  const h = Number(a < 0 ? time : time.slice(0, a));
  const m = a < 0 ? NaN : Number(time.slice(a + 1, b < 0 ? time.length : b));
  const s = b < 0 ? NaN : Number(time.slice(b + 1, c < 0 ? time.length : c));
  return h * 3600 + m * 60 + s * 1;
}

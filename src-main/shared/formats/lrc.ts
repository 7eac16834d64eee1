import { cueId, speakerName, type Cue, type Track, type Word } from '../captions/model';
import { joinTokens, needsSpace, wordToken } from '../captions/text';
import { IssueList } from './issues';
import { isWhite, lfOnly } from './scan';
import type { SubtitleParseResult } from './srt';
import { begin, centiTime, code, end, hasText, mark, plainText, reserve, rewind, specialChars, text as write } from './writer';

/**
 * LRC lyrics: `[mm:ss.xx]line`, and "enhanced" LRC's `<mm:ss.xx>` word times (Fun-ASR times
 * every word, so karaoke players can highlight them). One line a cue: a cue's lines are joined
 * with a space; an empty time tag marks where a cue ends when a pause follows.
 */

const TIME = /^(\d+):(\d{1,2})(?:[.:](\d{1,3}))?$/;
const toMs = (t: string): number | null => {
  const m = TIME.exec(t);
  return m ? Number(m[1]) * 60_000 + Number(m[2]) * 1000 + Number((m[3] ?? '0').padEnd(3, '0').slice(0, 3)) : null;
};

/** Text that LRC readers would take for tags: a leading `[`, or `<` before a digit, gets a zero-width space. */
const guard = (s: string): string => s.replace(/^\[/, '\u200b[').replace(/<(?=\d)/g, '<\u200b');
const unguard = (s: string): string => s.replace(/^\u200b\[/, '[').replace(/<\u200b(?=\d)/g, '<');

export interface LrcWriteOptions {
  /** Enhanced LRC word times, where the cue's words still match its text. Default true. */
  wordTimestamps?: boolean;
  speakers?: boolean;
  title?: string;
}

export function formatLrc(track: Pick<Track, 'cues' | 'speakers'>, opts: LrcWriteOptions = {}): string {
  const head = `${opts.title ? `[ti:${opts.title.replace(/[\]\r\n]+/g, ' ')}]\n` : ''}[re:Captioner]`;
  begin(head.length + track.cues.length * 64);
  reserve(head.length);
  write(head);
  const wordTimes = opts.wordTimestamps ?? true;
  const cues = track.cues;
  // Cues without text are left out; `next` is the next one written.
  for (let k = kept(cues, 0), next = kept(cues, k + 1); k < cues.length; k = next, next = kept(cues, k + 1)) {
    const cue = cues[k] as Cue;
    const who = opts.speakers && cue.speaker !== undefined ? `${speakerName(track, cue.speaker)}: ` : '';
    let room = 64 + 2 * who.length;
    for (const l of cue.lines) room += 2 * l.length + 1;
    for (const w of cue.words) room += 2 * (w.text.length + w.punct.length) + 16;
    reserve(room);
    code(10);
    code(91);
    centiTime(cue.start, true);
    code(93);
    if (who !== '' || (wordTimes && cue.words.length > 1) || !plainLyric(cue.lines)) cueBody(cue, who, wordTimes);
    if (next === cues.length || (cues[next] as Cue).start - cue.end >= 10) {
      code(10);
      code(91);
      centiTime(cue.end, true);
      code(93);
    }
  }
  code(10);
  return end();
}

/** The index of the first cue from `from` with text (cues.length: none). */
function kept(cues: readonly Cue[], from: number): number {
  let k = from;
  while (k < cues.length && !anyText((cues[k] as Cue).lines)) k++;
  return k;
}

function anyText(lines: readonly string[]): boolean {
  for (const l of lines) if (hasText(l)) return true;
  return false;
}

/**
 * A cue's lines as one lyric line, joined by spaces, if none needs work: each line has text, no
 * line break, no space at either end, no `<`, and the first does not start with `[`. Writes them
 * and answers true; otherwise writes nothing (cueBody does it the general way).
 */
function plainLyric(lines: readonly string[]): boolean {
  if (!lines.length || (lines[0] as string).charCodeAt(0) === 91) return false;
  for (const l of lines) if (!solid(l.charCodeAt(0)) || !solid(l.charCodeAt(l.length - 1))) return false;
  const from = mark();
  for (let k = 0; k < lines.length; k++) {
    if (k) code(32);
    if (!plainText(lines[k] as string, LYRIC_SPECIAL)) {
      rewind(from);
      return false;
    }
  }
  return true;
}

const LYRIC_SPECIAL = specialChars('\r\n<');

/** A character that is certainly not whitespace (printable ASCII, or past U+3000 but U+FEFF). */
const solid = (c: number): boolean => (c > 32 && c < 127) || (c > 0x3000 && c !== 0xfeff);

/** The text after a cue's time tag: its lines (with the speaker), or its words with their times (enhanced LRC). */
function cueBody(cue: Cue, who: string, wordTimes: boolean): void {
  const text = cue.lines.map((l) => l.replace(/[\r\n]+/g, ' ').trim()).filter(Boolean).join(' ');
  const tokens = cue.words.map(wordToken);
  if (!(wordTimes && tokens.length > 1 && joinTokens(tokens) === text)) {
    write(guard(who + text));
    return;
  }
  write(who.replace(/</g, ''));
  let tail = ''; // the last two characters written of the words, for needsSpace
  cue.words.forEach((w, i) => {
    const tok = tokens[i] as string;
    const space = i > 0 && needsSpace(tail, tok);
    if (space) code(32);
    code(60);
    centiTime(w.start, true);
    code(62);
    write(guard(tok));
    tail = ((space ? `${tail} ` : tail) + tok).slice(-2);
  });
  code(60);
  centiTime(cue.end, true);
  code(62);
}

export function parseLrc(text: string): SubtitleParseResult {
  const issues = new IssueList(false);
  // Each loop in a function of its own: a loop optimised on the spot (OSR) is thrown away with its
  // function at the first deoptimisation, and a reader's first and last lines are where that happens.
  const src = lfOnly(text).text;
  const { entries, offset } = lrcEntries(src, issues);
  entries.sort((a, b) => a.at - b.at);
  const cues = lrcCues(entries, offset, !IRREGULAR.test(src));
  if (!cues.length) issues.error('NO_CUES', 1, 'No timed lyric lines found: is this really an LRC file?');
  return { cues, issues: issues.items, ok: issues.ok };
}

/**
 * Every time a line has, with its text, and the `offset:` tag's value: lines as /\r\n?/ splits
 * them (`src` has LF line ends), read by position; the common `[mm:ss.xx]text` without a regex.
 */
function lrcEntries(src: string, issues: IssueList): { entries: LrcEntry[]; offset: number } {
  const entries: LrcEntry[] = [];
  let offset = 0;
  const n = src.length;
  for (let pos = src.charCodeAt(0) === 0xfeff ? 1 : 0, k = 0; pos <= n; k++) {
    let e = src.indexOf('\n', pos);
    if (e < 0) e = n;
    const rest = src.slice(pos, e).trim();
    pos = e + 1;
    const one = singleTime(rest);
    if (one >= 0) {
      entries.push({ at: one, text: rest.slice(rest.indexOf(']') + 1) });
      continue;
    }
    const { times, rest: after, offset: o } = timeTags(rest);
    if (o !== null) offset = o;
    if (!times.length) {
      if (after) issues.repair('STRAY_TEXT', k + 1, `Line without a time ignored: "${after.slice(0, 40)}"`);
      continue;
    }
    for (const at of times) entries.push({ at, text: after });
  }
  return { entries, offset };
}

/**
 * What makes a lyric need the general path (timedCue): `<` (word times, guards), the guard mark,
 * whitespace other than a single space. Looked for once in the whole file, natively; without any,
 * only a space at either end of a lyric is left to check.
 */
const IRREGULAR = /[<\u200b\t\v\f\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]| {2}/;

/**
 * Cues of the time-ordered entries: each lasts to its word times' end, or to the next entry (3 s
 * for the last). `regular`: the file has nothing IRREGULAR.
 */
function lrcCues(entries: readonly LrcEntry[], offset: number, regular: boolean): Cue[] {
  const cues: Cue[] = [];
  for (let k = 0; k < entries.length; k++) {
    const e = entries[k] as LrcEntry;
    if (!e.text) continue;
    const nextAt = entries[k + 1]?.at;
    if (regular ? e.text.charCodeAt(0) !== 32 && e.text.charCodeAt(e.text.length - 1) !== 32 : plainLyricText(e.text)) {
      // No word times, no guard, spacing as it stays: the line is the text.
      const start = e.at + offset;
      const end = Math.max(start, (nextAt ?? e.at + 3000) + offset);
      cues.push({ id: cueId(cues.length + 1), start: Math.max(0, start), end: Math.max(0, end), lines: [e.text], words: [] });
      continue;
    }
    const cue = timedCue(e, nextAt, offset, cues.length + 1);
    if (cue) cues.push(cue);
  }
  return cues;
}

/** The cue of an entry with `<mm:ss.xx>` word times or guard marks, or null when it has no text. */
function timedCue(e: LrcEntry, nextAt: number | undefined, offset: number, n: number): Cue | null {
  const words: Word[] = [];
  const parts = e.text.split(/<(\d+:\d{1,2}(?:[.:]\d{1,3})?)>/);
  let plain = unguard(parts[0] ?? '');
  for (let i = 1; i < parts.length; i += 2) {
    const at = toMs(parts[i] as string) as number;
    const w = unguard((parts[i + 1] ?? '').trim());
    plain += parts[i + 1] ? unguard(parts[i + 1] as string) : '';
    if (w) words.push({ start: at + offset, end: at + offset, text: w, punct: '' });
  }
  const lastTag = parts.length > 1 ? toMs(parts[parts.length - 2] as string) : null;
  words.forEach((w, i) => (w.end = words[i + 1]?.start ?? (lastTag !== null && !(parts[parts.length - 1] ?? '').trim() ? lastTag + offset : (nextAt ?? e.at + 3000) + offset)));
  const start = e.at + offset;
  const end = Math.max(start, (words.length && lastTag !== null && !(parts[parts.length - 1] ?? '').trim() ? lastTag : nextAt ?? e.at + 3000) + offset);
  const line = plain.replace(/\s+/g, ' ').trim();
  if (!line) return null;
  return { id: cueId(n), start: Math.max(0, start), end: Math.max(0, end), lines: [line], words: words.length > 1 ? words : [] };
}

interface LrcEntry {
  at: number;
  text: string;
}

/** The leading `[…]` tags of a (trimmed) line: their times, the text after them, and an `offset:` tag's value. */
function timeTags(line: string): { times: number[]; rest: string; offset: number | null } {
  let rest = line;
  let offset: number | null = null;
  const times: number[] = [];
  for (let m = /^\[([^\]]*)\]/.exec(rest); m; m = /^\[([^\]]*)\]/.exec(rest)) {
    const t = toMs(m[1] as string);
    const meta = /^offset:\s*([+-]?\d+)$/i.exec(m[1] as string);
    if (meta) offset = Number(meta[1]);
    if (t !== null) times.push(t);
    rest = rest.slice(m[0].length);
  }
  return { times, rest, offset };
}

/**
 * The time of a line that is one `[m:ss.xx]` tag (TIME's forms, by character codes) and text that
 * does not start another tag; -1 for anything else (timeTags reads it then).
 */
function singleTime(s: string): number {
  if (s.charCodeAt(0) !== 91) return -1;
  let i = 1;
  let min = 0;
  while (i < 10 && isDigit(s.charCodeAt(i))) min = min * 10 + s.charCodeAt(i++) - 48;
  if (i === 1 || i === 10 || s.charCodeAt(i) !== 58) return -1;
  let sec = 0;
  const secFrom = ++i;
  while (i < secFrom + 2 && isDigit(s.charCodeAt(i))) sec = sec * 10 + s.charCodeAt(i++) - 48;
  if (i === secFrom) return -1;
  let frac = 0;
  const sep = s.charCodeAt(i);
  if (sep === 46 || sep === 58) {
    const fracFrom = ++i;
    while (i < fracFrom + 3 && isDigit(s.charCodeAt(i))) frac = frac * 10 + s.charCodeAt(i++) - 48;
    if (i === fracFrom) return -1;
    frac *= i - fracFrom === 1 ? 100 : i - fracFrom === 2 ? 10 : 1;
  }
  if (s.charCodeAt(i) !== 93 || s.charCodeAt(i + 1) === 91) return -1;
  return min * 60_000 + sec * 1000 + frac;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/**
 * Text that the general path would leave as it is: no `<` (word times or a guard), no guard mark
 * first, and whitespace only as single spaces between words.
 */
function plainLyricText(s: string): boolean {
  const last = s.length - 1;
  if (s.charCodeAt(0) === 0x200b) return false;
  for (let i = 0; i <= last; i++) {
    const c = s.charCodeAt(i);
    if ((c > 32 && c < 0xa0 && c !== 60) || (c > 0x3000 && c !== 0xfeff)) continue; // the common characters
    if (c === 32) {
      if (i === 0 || i === last || s.charCodeAt(i + 1) === 32) return false;
    } else if (c === 60 || isWhite(c)) return false;
  }
  return true;
}

import { makeIdFactory, speakerName, type Cue, type Track } from '../captions/model';
import { decodeText, type DecodedText, type TextEncodingName } from './decode';
import { IssueList, type ParseIssue } from './issues';
import { plainBlock } from './scan';
import { parseCanonical, parseSrtTimestamp } from './timecode';
import { COMMA, HEADER_ROOM, begin, code, end, int, line, reserve, text, timestamp } from './writer';

export interface SrtWriteOptions {
  /** Default LF; CRLF for old Windows players and tools that "force CR+LF on save". */
  lineEnding?: 'lf' | 'crlf';
  /**
   * Prefix the speaker's name ("Name: text") where the speaker changes: the first cue of each turn
   * is labelled, the cues that continue it are not. A cue holding two speakers as dash lines
   * ("- …" / "- …") carries no name (the dash convention). Default false.
   */
  speakers?: boolean;
}

export function formatSrt(track: Pick<Track, 'cues' | 'speakers'>, opts: SrtWriteOptions = {}): string {
  const crlf = opts.lineEnding === 'crlf';
  begin(track.cues.length * 96);
  let index = 1;
  // Who spoke last in the written cues (null: unknown, as after a two-speaker dash cue).
  let last: number | null = null;
  for (const cue of track.cues) {
    const lines = cue.lines;
    let room = HEADER_ROOM;
    let any = false;
    for (let k = 0; k < lines.length; k++) {
      const l = lines[k] as string;
      room += l.length + 2;
      if (!any && !isBlank(l)) any = true;
    }
    if (!any) continue; // an empty SRT block would end the cue early in most players
    const dash = lines.length > 1 && lines.every((l) => l.startsWith('- ') || l.startsWith('-'));
    const label = opts.speakers && cue.speaker !== undefined && !dash && cue.speaker !== last ? `${speakerName(track, cue.speaker)}: ` : '';
    last = dash ? null : (cue.speaker ?? null);
    reserve(room + label.length);
    if (index > 1) {
      if (crlf) code(13);
      code(10);
    }
    int(index++);
    if (crlf) code(13);
    code(10);
    timestamp(cue.start, COMMA);
    text(' --> ');
    timestamp(cue.end, COMMA);
    if (crlf) code(13);
    code(10);
    let first = true;
    for (let k = 0; k < lines.length; k++) {
      const l = lines[k] as string;
      if (isBlank(l)) continue;
      const labelled = first && label !== '';
      if (labelled) text(label);
      first = false;
      line(labelled ? l : guardSrtLine(l));
      if (crlf) code(13);
      code(10);
    }
  }
  return end();
}


const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 13 || c === 0xa0 || c === 0xfeff;
/** Blank without allocating a trimmed copy for the common, non-blank case. */
export const isBlank = (s: string): boolean => s.length === 0 || (isSpace(s.charCodeAt(0)) && s.trim() === '');
const trimFast = (s: string): string => (s.length && (isSpace(s.charCodeAt(0)) || isSpace(s.charCodeAt(s.length - 1))) ? s.trim() : s);

export interface SubtitleParseResult {
  cues: Cue[];
  issues: ParseIssue[];
  /** False when any issue is an error (every repair is an error in strict mode). */
  ok: boolean;
  encoding?: TextEncodingName;
  bom?: boolean;
}

export interface ParseOptions {
  strict?: boolean;
  /** The encoding the user chose for bytes; detected when absent. */
  encoding?: TextEncodingName | undefined;
}

const TIMING = /^\s*(\S+)\s*-{1,2}>\s*(\S+)(.*)$/;
const TAG = /<\/?(?:i|b|u|s|font)(?:\s[^>]*)?>|\{\\[^}]*\}/gi;

const isCanonicalTiming = (line: string): boolean => line.length === 29 && line.charCodeAt(13) === 45 && line.startsWith(' --> ', 12);
const looksLikeTiming = (line: string): boolean => isCanonicalTiming(line) || (line.includes('->') && TIMING.test(line));
const scratch: Timing = { start: 0, end: 0, repaired: false, trailing: false };
/** A line is a timing line only when both sides read as times: `A --> B` in a caption is text. */
const isTimingLine = (line: string): boolean => isCanonicalTiming(line) || (line.includes('->') && readTiming(line, scratch));

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
function unguard(l: string): string {
  if (!l.includes(GUARD)) return l;
  const g = l.replace(/<\u200b(?=\/?[a-z])/gi, '<').replace(/\uff5b\u200b/g, '{');
  return g.charCodeAt(1) === 0x200b && isTimingLine(g.slice(0, 1) + g.slice(2)) ? g.slice(0, 1) + g.slice(2) : g;
}

function isIndexLine(line: string): boolean {
  const len = line.length;
  if (!len) return false;
  for (let i = 0; i < len; i++) {
    const c = line.charCodeAt(i);
    if (c < 48 || c > 57) return (isSpace(line.charCodeAt(0)) || isSpace(line.charCodeAt(len - 1))) && /^\s*\d+\s*$/.test(line);
  }
  return true;
}

interface Timing {
  start: number;
  end: number;
  repaired: boolean;
  trailing: boolean;
}

/** Canonical `00:00:01,000 --> 00:00:02,000` without regexes; anything else leniently. Fills `out`. */
function readTiming(line: string, out: Timing): boolean {
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

/**
 * The common case, a well-formed file: index, canonical timing, text, blank line. Scanned by
 * position without splitting the file; returns null at the first deviation, and the lenient
 * line parser (which reports every repair) takes over from scratch.
 */
const SRT_UNSAFE = /[<{]|->/;

function parseCanonicalSrt(text: string): Cue[] | null {
  const n = text.length;
  const cues: Cue[] = [];
  const nextId = makeIdFactory();
  let pos = 0;
  let expected = 1;
  while (pos < n) {
    const nl = text.indexOf('\n', pos);
    if (nl < 0 || nl === pos) return null;
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
    const block = plainBlock(text, t + 30, SRT_UNSAFE);
    if (!block) return null;
    cues.push({ id: nextId(), start, end, lines: block.lines, words: [] });
    pos = block.next;
  }
  return cues;
}

/** What decoding chose, as issues: a legacy encoding is a repair; a close call asks the user to choose. */
export function reportEncoding(issues: IssueList, d: DecodedText): void {
  if (d.encoding === 'utf-8') return;
  issues.repair('ENCODING', 0, `Decoded from ${d.encoding} (${d.confidence}% sure); files are written back as UTF-8.`);
  if (!d.sure) {
    const alt = d.candidates.slice(0, 4).map((c) => `${c.encoding} ${c.confidence}%`).join(', ');
    issues.warn('ENCODING_UNSURE', 0, `The text encoding is uncertain (candidates: ${alt}). Check the text, or choose the encoding (--encoding).`);
  }
}

/** Reads SRT from bytes (any supported encoding) or decoded text, repairing what it can. */
export function parseSrt(input: string | Uint8Array, opts: ParseOptions = {}): SubtitleParseResult {
  const issues = new IssueList(opts.strict ?? false);
  let text: string;
  let encoding: TextEncodingName | undefined;
  let bom = false;
  if (typeof input === 'string') text = input;
  else {
    const d = decodeText(input, opts.encoding);
    ({ text, encoding, bom } = d);
    reportEncoding(issues, d);
  }
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
    bom = true;
  }
  if (text.includes('\r')) {
    if (/\r(?!\n)/.test(text)) issues.repair('NEWLINES', 0, 'Old Mac (CR) line endings normalised.');
    text = text.replace(/\r\n?/g, '\n');
  }
  const fast = parseCanonicalSrt(text);
  if (fast) {
    const result: SubtitleParseResult = { cues: fast, issues: issues.items, ok: issues.ok, bom };
    if (encoding) result.encoding = encoding;
    return result;
  }
  const lines = text.split('\n');
  const cues: Cue[] = [];
  const nextId = makeIdFactory();
  let expected = 1;
  let i = 0;
  let tagWarned = false;
  const timing: Timing = { start: 0, end: 0, repaired: false, trailing: false };
  const n = lines.length;
  while (i < n) {
    const line = lines[i] as string;
    if (!looksLikeTiming(line)) {
      // Index lines are consumed with their timing line; anything else here is stray text.
      if (!isBlank(line) && !(isIndexLine(line) && looksLikeTiming(lines[i + 1] ?? ''))) issues.repair('STRAY_TEXT', i + 1, `Text outside any cue ignored: "${line.trim().slice(0, 40)}"`);
      i++;
      continue;
    }
    const timingLine = i + 1;
    const prev = lines[i - 1];
    if (prev !== undefined && isIndexLine(prev)) {
      const num = Number(prev.trim());
      if (num !== expected) issues.repair('WRONG_INDEX', i, `Cue number ${num} where ${expected} was expected; renumbered.`);
    } else issues.repair('MISSING_INDEX', timingLine, 'Cue number missing; added.');
    expected++;
    const ok = readTiming(line, timing);
    // Text runs to the next timing line; a blank line followed by more text (not an index+timing) is a stray blank.
    const textLines: string[] = [];
    let blankFrom = -1; // first of the blank lines seen since the last text line
    i++;
    while (i < n) {
      const l = lines[i] as string;
      // Inside cue text only a readable timing line starts a cue; after a blank line, anything shaped like one.
      const structure = blankFrom >= 0 ? looksLikeTiming : isTimingLine;
      if (structure(l) || (isIndexLine(l) && structure(lines[i + 1] ?? ''))) break;
      if (isBlank(l)) {
        if (blankFrom < 0) blankFrom = i;
      } else {
        if (blankFrom >= 0) {
          for (let b = blankFrom; b < i; b++) issues.repair('STRAY_BLANK_LINE', b + 1, textLines.length ? 'Blank line inside cue text removed.' : 'Blank line between timing and text removed.');
          blankFrom = -1;
        }
        let clean = l;
        if (l.includes('<') || l.includes('{')) {
          clean = l.replace(TAG, '');
          if (clean !== l && !tagWarned) {
            issues.warn('TAGS_STRIPPED', i + 1, 'Formatting tags (<i>, <b>, <font>, {\\...}) removed.');
            tagWarned = true;
          }
        }
        if (!isBlank(clean)) textLines.push(unguard(trimFast(clean)));
      }
      i++;
    }
    if (!ok) {
      issues.error('BAD_TIMESTAMP', timingLine, `Cannot read the times "${line.trim()}"; cue skipped.`);
      continue;
    }
    if (timing.repaired) issues.repair('TIMESTAMP_FORMAT', timingLine, 'Timestamp not in HH:MM:SS,mmm form; read leniently.');
    if (timing.trailing) issues.repair('TRAILING_TIMING_TEXT', timingLine, 'Text after the end time (positions) ignored.');
    if (timing.end < timing.start) {
      issues.error('END_BEFORE_START', timingLine, 'Cue ends before it starts; cue skipped.');
      continue;
    }
    if (!textLines.length) issues.warn('EMPTY_CUE', timingLine, 'Cue has no text.');
    cues.push({ id: nextId(), start: timing.start, end: timing.end, lines: textLines, words: [] });
  }
  if (!cues.length && text.trim() !== '') issues.error('NO_CUES', 1, 'No SRT cues found: is this really an SRT file?');
  const result: SubtitleParseResult = { cues, issues: issues.items, ok: issues.ok, bom };
  if (encoding) result.encoding = encoding;
  return result;
}

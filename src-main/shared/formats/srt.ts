import { makeIdFactory, speakerName, type Cue, type Track } from '../captions/model';
import { decodeText, type DecodedText, type TextEncodingName } from './decode';
import { IssueList, type ParseIssue } from './issues';
import { lfOnly, lineAt } from './scan';
import { parseCanonicalSrt } from './srt-canonical';
import { guardSrtLine, isBlank, isIndexLine, isTimingLine, looksLikeTiming, readTextLine, readTiming, type Timing } from './srt-lines';
import { COMMA, HEADER_ROOM, begin, code, end, int, line, plainText, reserve, specialChars, text, timestamp } from './writer';

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

export { isBlank } from './srt-lines';

/** What a line must not hold to be written as it is: line ends, and what guardSrtLine looks for. */
const SRT_SPECIAL = specialChars('\r\n<>{');

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
      room += 2 * l.length + 3; // the guard (see guardSrtLine) at most doubles a line
      if (!any && !isBlank(l)) any = true;
    }
    if (!any) continue; // an empty SRT block would end the cue early in most players
    const dash = lines.length > 1 && allDashed(lines);
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
      if (first && label !== '') {
        text(label);
        line(l);
      } else if (!plainText(l, SRT_SPECIAL)) line(guardSrtLine(l));
      first = false;
      if (crlf) code(13);
      code(10);
    }
  }
  return end();
}

/** Every line starts with a dash: a two-speaker cue in the dash convention. */
function allDashed(lines: readonly string[]): boolean {
  for (const l of lines) if (l.charCodeAt(0) !== 45) return false;
  return true;
}

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

const TAGS_STRIPPED = 'Formatting tags (<i>, <b>, <font>, {\\...}) removed.';

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
  // A BOM is skipped by position: the canonical scan never copies the text for it.
  const from = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (from) bom = true;
  const lf = lfOnly(text);
  if (lf.oldMac) issues.repair('NEWLINES', 0, 'Old Mac (CR) line endings normalised.');
  text = lf.text;
  const fast = parseCanonicalSrt(text, from);
  if (fast && fast.taggedAt >= 0) issues.warn('TAGS_STRIPPED', lineAt(text, from, fast.taggedAt), TAGS_STRIPPED);
  const cues = fast ? fast.cues : readSrtLines(from ? text.slice(from) : text, issues);
  const result: SubtitleParseResult = { cues, issues: issues.items, ok: issues.ok, bom };
  if (encoding) result.encoding = encoding;
  return result;
}

/**
 * The lenient SRT reader, line by line, reporting every repair into `issues`: what parseSrt does
 * when the canonical scan gives up (and must agree with it wherever that scan succeeds). `text`
 * has LF line ends and no BOM.
 */
export function readSrtLines(text: string, issues: IssueList): Cue[] {
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
        const r = readTextLine(l);
        if (r.tagged && !tagWarned) {
          issues.warn('TAGS_STRIPPED', i + 1, TAGS_STRIPPED);
          tagWarned = true;
        }
        if (r.text) textLines.push(r.text);
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
  return cues;
}

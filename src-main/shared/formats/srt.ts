import { makeIdFactory, type Cue, type Track } from '../captions/model';
import { decodeText, type TextEncodingName } from './decode';
import { IssueList, type ParseIssue } from './issues';
import { formatTimestamp, parseSrtTimestamp } from './timecode';

export interface SrtWriteOptions {
  /** Default LF; CRLF for old Windows players and tools that "force CR+LF on save". */
  lineEnding?: 'lf' | 'crlf';
  /** Prefix speaker names ("Name: text") on cues with a speaker. Default false. */
  speakers?: boolean;
}

export function formatSrt(track: Pick<Track, 'cues' | 'speakers'>, opts: SrtWriteOptions = {}): string {
  const nl = opts.lineEnding === 'crlf' ? '\r\n' : '\n';
  const parts: string[] = [];
  let index = 1;
  for (const cue of track.cues) {
    const lines = cue.lines.map((l) => l.replace(/\r?\n/g, ' ')).filter((l) => l.trim() !== '');
    if (!lines.length) continue; // an empty SRT block would end the cue early in most players
    if (opts.speakers && cue.speaker !== undefined) {
      const name = track.speakers.find((s) => s.id === cue.speaker)?.name ?? `Speaker ${cue.speaker + 1}`;
      lines[0] = `${name}: ${lines[0]}`;
    }
    parts.push(`${index++}${nl}${formatTimestamp(cue.start, ',')} --> ${formatTimestamp(cue.end, ',')}${nl}${lines.join(nl)}${nl}`);
  }
  return parts.join(nl);
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
}

const TIMING = /^\s*(\S+)\s*-{1,2}>\s*(\S+)(.*)$/;
const INDEX = /^\s*\d+\s*$/;
const TAG = /<\/?(?:i|b|u|s|font)(?:\s[^>]*)?>|\{\\[^}]*\}/gi;

/** Reads SRT from bytes (any supported encoding) or decoded text, repairing what it can. */
export function parseSrt(input: string | Uint8Array, opts: ParseOptions = {}): SubtitleParseResult {
  const issues = new IssueList(opts.strict ?? false);
  let text: string;
  let encoding: TextEncodingName | undefined;
  let bom = false;
  if (typeof input === 'string') text = input;
  else {
    const d = decodeText(input);
    ({ text, encoding, bom } = d);
    if (d.encoding !== 'utf-8') issues.repair('ENCODING', 0, `Decoded from ${d.encoding}; files are written back as UTF-8.`);
  }
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
    bom = true;
  }
  if (text.includes('\r')) {
    if (/\r(?!\n)/.test(text)) issues.repair('NEWLINES', 0, 'Old Mac (CR) line endings normalised.');
    text = text.replace(/\r\n?/g, '\n');
  }
  const lines = text.split('\n');
  const cues: Cue[] = [];
  const nextId = makeIdFactory();
  let expected = 1;
  let i = 0;
  let tagWarned = false;
  while (i < lines.length) {
    const m = TIMING.exec(lines[i] ?? '');
    if (!m) {
      const line = lines[i] ?? '';
      // Index lines are consumed with their timing line; anything else here is stray text.
      if (line.trim() !== '' && !(INDEX.test(line) && TIMING.test(lines[i + 1] ?? ''))) issues.repair('STRAY_TEXT', i + 1, `Text outside any cue ignored: "${line.trim().slice(0, 40)}"`);
      i++;
      continue;
    }
    const timingLine = i + 1;
    const prev = lines[i - 1];
    if (prev !== undefined && INDEX.test(prev)) {
      const n = Number(prev.trim());
      if (n !== expected) issues.repair('WRONG_INDEX', i, `Cue number ${n} where ${expected} was expected; renumbered.`);
    } else issues.repair('MISSING_INDEX', timingLine, 'Cue number missing; added.');
    expected++;
    const start = parseSrtTimestamp(m[1] ?? '');
    const end = parseSrtTimestamp(m[2] ?? '');
    // Text runs to the next timing line; a blank line followed by more text (not an index+timing) is a stray blank.
    const body: string[] = [];
    i++;
    while (i < lines.length) {
      const line = lines[i] ?? '';
      if (TIMING.test(line)) break;
      if (INDEX.test(line) && TIMING.test(lines[i + 1] ?? '')) break;
      body.push(line);
      i++;
    }
    while (body.length && (body[body.length - 1] ?? '').trim() === '') body.pop();
    while (body.length && (body[0] ?? '').trim() === '') {
      body.shift();
      issues.repair('STRAY_BLANK_LINE', timingLine + 1, 'Blank line between timing and text removed.');
    }
    const textLines: string[] = [];
    body.forEach((l, k) => {
      if (l.trim() === '') issues.repair('STRAY_BLANK_LINE', timingLine + 1 + k, 'Blank line inside cue text removed.');
      else {
        const clean = l.replace(TAG, '');
        if (clean !== l && !tagWarned) {
          issues.warn('TAGS_STRIPPED', timingLine + 1 + k, 'Formatting tags (<i>, <b>, <font>, {\\...}) removed.');
          tagWarned = true;
        }
        if (clean.trim() !== '') textLines.push(clean.trim());
      }
    });
    if (!start || !end) {
      issues.error('BAD_TIMESTAMP', timingLine, `Cannot read the times "${(lines[timingLine - 1] ?? '').trim()}"; cue skipped.`);
      continue;
    }
    if (start.repaired || end.repaired) issues.repair('TIMESTAMP_FORMAT', timingLine, 'Timestamp not in HH:MM:SS,mmm form; read leniently.');
    if ((m[3] ?? '').trim() !== '') issues.repair('TRAILING_TIMING_TEXT', timingLine, 'Text after the end time (positions) ignored.');
    if (end.ms < start.ms) {
      issues.error('END_BEFORE_START', timingLine, 'Cue ends before it starts; cue skipped.');
      continue;
    }
    if (!textLines.length) issues.warn('EMPTY_CUE', timingLine, 'Cue has no text.');
    cues.push({ id: nextId(), start: start.ms, end: end.ms, lines: textLines, words: [] });
  }
  if (!cues.length && text.trim() !== '') issues.error('NO_CUES', 1, 'No SRT cues found: is this really an SRT file?');
  const result: SubtitleParseResult = { cues, issues: issues.items, ok: issues.ok, bom };
  if (encoding) result.encoding = encoding;
  return result;
}

import { speakerName, type Cue, type Speaker, type Track, type Word } from '../captions/model';
import { joinTokens, needsSpace, wordToken } from '../captions/text';
import { decodeText } from './decode';
import { isBlank, reportEncoding } from './srt';
import { IssueList } from './issues';
import { lfOnly, lineAt } from './scan';
import type { ParseOptions, SubtitleParseResult } from './srt';
import { formatTimestamp } from './timecode';
import { parseCanonicalVtt } from './vtt-canonical';
import { addCue, lastCue, vttCueList } from './vtt-cues';
import { parseTimingLine, type CueTiming } from './vtt-timing';
import { DOT, HEADER_ROOM, begin, code, end, escaped, reserve, text, timestamp } from './writer';

export interface VttWriteOptions {
  /** Write each cue's internal id as its id line when it has no id of its own. Default false. */
  cueIds?: boolean;
  /** Wrap text in `<v Speaker>` voice spans. Default true when the track has speakers. */
  speakers?: boolean;
  /** Inline `<hh:mm:ss.ttt>` tags before each word (karaoke); only for cues whose text still matches their words. */
  wordTimestamps?: boolean;
  /** STYLE and REGION blocks to keep from an imported file. */
  styles?: string[];
  regions?: string[];
  /** NOTE blocks (comments) to keep from an imported file; written after the header. */
  notes?: string[];
}

const NEEDS_ESCAPE = /[&<>]/;
const escapeText = (s: string): string => (NEEDS_ESCAPE.test(s) ? s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : s);


/**
 * Cue text with a timestamp tag before each word. Only when the lines are still exactly the
 * words (the user has not retyped them); tags must be strictly inside the cue and increasing.
 */
function wordTimed(cue: Cue): string | null {
  if (!cue.words.length) return null;
  const tokens = cue.words.map(wordToken);
  const out: string[] = [];
  let k = 0;
  let prevTime = cue.start;
  for (const line of cue.lines) {
    let acc: string[] = [];
    let rendered = '';
    while (k < tokens.length && joinTokens(acc) !== line) {
      const tok = tokens[k] ?? '';
      const w = cue.words[k] as Word;
      const sep = acc.length && needsSpace(joinTokens(acc), tok) ? ' ' : '';
      let tag = '';
      if (k > 0 && w.start > prevTime && w.start < cue.end) {
        tag = `<${formatTimestamp(w.start, '.')}>`;
        prevTime = w.start;
      }
      rendered += sep + tag + escapeText(tok);
      acc = [...acc, tok];
      k++;
    }
    if (joinTokens(acc) !== line) return null;
    out.push(rendered);
  }
  return k === tokens.length ? out.join('\n') : null;
}

export function formatVtt(track: Pick<Track, 'cues' | 'speakers'>, opts: VttWriteOptions = {}): string {
  const useSpeakers = opts.speakers ?? track.speakers.length > 0;
  begin(track.cues.length * 100);
  reserve(16);
  text('WEBVTT\n');
  for (const [kind, blocks] of [['NOTE', opts.notes ?? []], ['STYLE', opts.styles ?? []], ['REGION', opts.regions ?? []]] as const) {
    for (const b of blocks) {
      // No blank line (it would end the block) and no arrow (it would start a cue) inside a block.
      const body = b.replace(/-->/g, '--').replace(/\n[ \t]*(?=\n)/g, '').replace(/\n+$/, '');
      // A NOTE's text starts on its own line (kept as a leading newline) or after "NOTE ".
      const block = kind === 'NOTE' ? `\nNOTE${body === '' || body.startsWith('\n') ? '' : ' '}${body}\n` : `\n${kind}\n${body.replace(/^\n+/, '')}\n`;
      reserve(block.length);
      text(block);
    }
  }
  for (const cue of track.cues) {
    // Blank lines are dropped (a blank line would end the cue); copying only when there is one.
    let lines = cue.lines;
    let room = HEADER_ROOM;
    for (const l of lines) {
      if (isBlank(l)) {
        lines = lines.filter((x) => !isBlank(x));
        break;
      }
      room += l.length * 5 + 1; // worst case: every character escaped
    }
    if (!lines.length) continue;
    const timed = opts.wordTimestamps ? wordTimed({ ...cue, lines }) : null;
    const name = useSpeakers && cue.speaker !== undefined ? escapeText((speakerName(track, cue.speaker) as string).replace(/[\r\n]+/g, ' ')) : null;
    const id = cue.label !== undefined || opts.cueIds ? (cue.label ?? cue.id).replace(/-->/g, '->').replace(/[\r\n]+/g, ' ').trim() : '';
    if (lines !== cue.lines) for (const l of lines) room += l.length * 5 + 1;
    reserve(room + id.length + (cue.settings?.length ?? 0) + (name?.length ?? 0) + 8 + (timed?.length ?? 0));
    code(10);
    if (id) {
      text(id);
      code(10);
    }
    timestamp(cue.start, DOT);
    text(' --> ');
    timestamp(cue.end, DOT);
    if (cue.settings) {
      code(32);
      text(cue.settings);
    }
    code(10);
    if (name !== null) text(`<v ${name}>`);
    if (timed !== null) text(timed);
    else {
      for (let k = 0; k < lines.length; k++) {
        if (k) code(10);
        escaped(lines[k] as string);
      }
    }
    if (name !== null) text('</v>');
    code(10);
  }
  return end();
}

export interface VttParseResult extends SubtitleParseResult {
  speakers: Speaker[];
  styles: string[];
  regions: string[];
  notes: string[];
}

const TAGS_STRIPPED = 'Formatting tags (<c>, <i>, <b>, <u>, <ruby>, <lang>) removed.';

interface Block {
  kind: 'cue' | 'style' | 'region' | 'note' | 'other';
  /** 1-based line of the block's first line. */
  line: number;
  id: string;
  timing: CueTiming | null;
  timingLine: number;
  text: string;
  hasArrow: boolean;
}

const isStyleHead = (s: string): boolean => /^STYLE[ \t]*$/.test(s);
const isRegionHead = (s: string): boolean => /^REGION[ \t]*$/.test(s);

/**
 * W3C "collect a WebVTT block": lines up to a blank line; a line holding "-->" is the timing
 * line when it is the first or the second line, and otherwise starts the next block.
 */
function collectBlock(lines: string[], at: number, inHeader: boolean, seenCue: boolean): { block: Block; next: number } {
  let count = 0;
  let buffer = '';
  let seenArrow = false;
  let i = at;
  const block: Block = { kind: 'other', line: at + 1, id: '', timing: null, timingLine: 0, text: '', hasArrow: false };
  let head = '';
  while (i < lines.length) {
    const line = lines[i] as string;
    count++;
    if (line.includes('-->')) {
      if (!inHeader && (count === 1 || (count === 2 && !seenArrow))) {
        seenArrow = true;
        block.hasArrow = true;
        block.timingLine = i + 1;
        block.kind = 'cue';
        block.id = buffer;
        block.timing = parseTimingLine(line);
        buffer = '';
        i++;
        continue;
      }
      break; // the next block starts here
    }
    i++;
    if (line === '') break;
    if (!inHeader && count === 2 && !seenCue && !seenArrow) {
      if (isStyleHead(buffer)) {
        block.kind = 'style';
        buffer = '';
      } else if (isRegionHead(buffer)) {
        block.kind = 'region';
        buffer = '';
      }
    }
    if (count === 1) head = line;
    buffer = buffer ? `${buffer}\n${line}` : line;
  }
  if (block.kind === 'other' && /^NOTE($|[ \t])/.test(head)) block.kind = 'note';
  block.text = buffer;
  return { block, next: i };
}

/** Parses WebVTT with the W3C parsing algorithm, collecting problems as data. */
export function parseVtt(input: string | Uint8Array, opts: ParseOptions = {}): VttParseResult {
  const issues = new IssueList(opts.strict ?? false);
  let text: string;
  let bom = false;
  if (typeof input === 'string') text = input;
  else {
    const d = decodeText(input, opts.encoding);
    text = d.text;
    bom = d.bom;
    reportEncoding(issues, d);
  }
  // A BOM is skipped by position: the canonical scan never copies the text for it.
  const from = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (from) bom = true;
  if (text.includes('\0')) text = text.replace(/\0/g, '\ufffd');
  // A CRLF file is scanned as it is (no copy); anything else, or a CRLF file the scan gives up on,
  // has its line ends made LF first.
  const firstLf = text.indexOf('\n');
  let fast = firstLf > 0 && text.charCodeAt(firstLf - 1) === 13 ? parseCanonicalVtt(text, from, true) : null;
  if (!fast) {
    text = lfOnly(text).text;
    fast = parseCanonicalVtt(text, from);
  }
  if (fast) {
    if (fast.strippedAt >= 0) issues.warn('TAGS_STRIPPED', lineAt(text, from, fast.strippedAt), TAGS_STRIPPED);
    return { cues: fast.list.cues, speakers: fast.list.speakers, styles: [], regions: [], notes: [], bom, issues: issues.items, ok: issues.ok, encoding: 'utf-8' };
  }
  if (from) text = text.slice(from);
  const lines = text.split('\n');
  if (text.endsWith('\n')) lines.pop();
  const base = { cues: [] as Cue[], speakers: [] as Speaker[], styles: [] as string[], regions: [] as string[], notes: [] as string[], bom };
  if (!/^WEBVTT([ \t].*)?$/.test(lines[0] ?? '')) {
    issues.error('NOT_WEBVTT', 1, 'The file does not start with "WEBVTT"; it is not a WebVTT file.');
    return { ...base, issues: issues.items, ok: false, encoding: 'utf-8' };
  }
  let i = 1;
  if (i < lines.length && lines[i] !== '') {
    const header = collectBlock(lines, i, true, false);
    if (header.next < lines.length && (lines[header.next] as string).includes('-->')) issues.repair('HEADER_NO_BLANK', header.next + 1, 'Missing blank line after the header.');
    i = header.next;
  }
  const list = vttCueList();
  let seenCue = false;
  let stripWarned = false;
  const n = lines.length;
  while (i < n) {
    if ((lines[i] as string) === '') {
      i++;
      continue;
    }
    const { block, next } = collectBlock(lines, i, false, seenCue);
    i = next;
    if (block.kind === 'note') {
      base.notes.push(block.text.replace(/^NOTE[ \t]?/, ''));
      continue;
    }
    if (block.kind === 'style' || block.kind === 'region') {
      (block.kind === 'style' ? base.styles : base.regions).push(block.text);
      continue;
    }
    if (block.kind === 'other') {
      const head = block.text.split('\n')[0] ?? '';
      if (seenCue && (isStyleHead(head) || isRegionHead(head))) issues.warn(isStyleHead(head) ? 'STYLE_AFTER_CUE' : 'REGION_AFTER_CUE', block.line, `${head.trim()} block after a cue is not allowed; dropped.`);
      else issues.repair('STRAY_TEXT', block.line, `Block without a timing line ignored: "${head.slice(0, 40)}"`);
      continue;
    }
    const timing = block.timing;
    if (!timing) {
      issues.error('BAD_TIMESTAMP', block.timingLine, `Cannot read the cue timing "${lines[block.timingLine - 1] ?? ''}"; cue skipped.`);
      continue;
    }
    const { start, end } = timing;
    // The W3C parser keeps such a cue (it is an authoring error, not a parsing one); QC flags it.
    if (end <= start) issues.repair('END_BEFORE_START', block.timingLine, 'Cue end time is not later than its start.');
    const prevCue = lastCue(list);
    if (prevCue && start < prevCue.start) issues.warn('OUT_OF_ORDER', block.timingLine, 'Cue starts before the previous cue; cues should be in start order.');
    seenCue = true;
    if (addCue(list, block.text, start, end, block.id, timing.settings) && !stripWarned) {
      issues.warn('TAGS_STRIPPED', block.timingLine + 1, TAGS_STRIPPED);
      stripWarned = true;
    }
    if (!lastCue(list)?.lines.length) issues.warn('EMPTY_CUE', block.timingLine, 'Cue has no text.');
  }
  return { ...base, cues: list.cues, speakers: list.speakers, issues: issues.items, ok: issues.ok, encoding: 'utf-8' };
}

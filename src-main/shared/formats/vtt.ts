import { makeIdFactory, speakerName, type Cue, type Speaker, type Track, type Word } from '../captions/model';
import { joinTokens, needsSpace, wordToken } from '../captions/text';
import { decodeText } from './decode';
import { isBlank } from './srt';
import { IssueList } from './issues';
import { plainBlock } from './scan';
import type { ParseOptions, SubtitleParseResult } from './srt';
import { formatTimestamp, parseCanonical, parseVttTimestamp } from './timecode';
import { DOT, HEADER_ROOM, begin, code, end, escaped, reserve, text, timestamp } from './writer';

export interface VttWriteOptions {
  /** Write each cue's id line. Default false. */
  cueIds?: boolean;
  /** Wrap text in `<v Speaker>` voice spans. Default true when the track has speakers. */
  speakers?: boolean;
  /** Inline `<hh:mm:ss.ttt>` tags before each word (karaoke); only for cues whose text still matches their words. */
  wordTimestamps?: boolean;
  /** STYLE and REGION blocks to keep from an imported file. */
  styles?: string[];
  regions?: string[];
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
  for (const [kind, blocks] of [['STYLE', opts.styles ?? []], ['REGION', opts.regions ?? []]] as const) {
    for (const b of blocks) {
      const block = `\n${kind}\n${b.replace(/-->/g, '--')}\n`;
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
    const id = opts.cueIds ? cue.id.replace(/-->/g, '').replace(/[\r\n]+/g, ' ') : '';
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

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', lrm: '\u200e', rlm: '\u200f', nbsp: '\u00a0', quot: '"', apos: "'" };

function unescape(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1]?.toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Cue text → plain lines, the voice's name and word times from timestamp tags. */
function parseCueText(raw: string, cueStart: number, cueEnd: number): { lines: string[]; voice?: string; words: Word[]; stripped: boolean } {
  let voice: string | undefined;
  let stripped = false;
  const segments: { at: number; text: string }[] = [{ at: cueStart, text: '' }];
  const re = /<([^>]*)>/g;
  let last = 0;
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    (segments[segments.length - 1] as { text: string }).text += raw.slice(last, m.index);
    last = m.index + m[0].length;
    const tag = m[1] ?? '';
    const ts = parseVttTimestamp(tag.trim());
    if (ts !== null) segments.push({ at: ts, text: '' });
    else if (/^v[\s.]/.test(tag)) voice ??= unescape(tag.replace(/^v(\.[^\s]*)?\s+/, '').trim());
    else if (!/^\/?(v|c|i|b|u|ruby|rt|lang)\b/.test(tag) || /^(c|i|b|u|ruby|rt|lang)\b/.test(tag)) stripped = true;
  }
  (segments[segments.length - 1] as { text: string }).text += raw.slice(last);
  const text = unescape(segments.map((s) => s.text).join(''));
  const words: Word[] = [];
  if (segments.length > 1) {
    segments.forEach((s, k) => {
      const t = unescape(s.text).replace(/\s+/g, ' ').trim();
      if (t) words.push({ start: s.at, end: segments[k + 1]?.at ?? cueEnd, text: t, punct: '' });
    });
  }
  const result: { lines: string[]; voice?: string; words: Word[]; stripped: boolean } = {
    lines: trimmedLines(text.split('\n')),
    words,
    stripped,
  };
  if (voice) result.voice = voice;
  return result;
}

/** Trimmed, non-empty lines; the input array is reused when nothing needs trimming. */
function trimmedLines(lines: string[]): string[] {
  let clean = true;
  for (const l of lines) {
    const last = l.length - 1;
    if (last < 0 || l.charCodeAt(0) <= 32 || l.charCodeAt(last) <= 32) {
      clean = false;
      break;
    }
  }
  if (clean) return lines;
  const out: string[] = [];
  for (const l of lines) {
    const t = l.trim();
    if (t) out.push(t);
  }
  return out;
}

const TIMING = /^(\S+)[ \t]+-->[ \t]+(\S+)(.*)$/;

/** Canonical `00:00:01.000 --> 00:00:02.000[ settings]` without regexes; null means "use the regex". */
function fastTiming(line: string): { start: number; end: number; settings: string } | null {
  if (line.length < 29 || !line.startsWith(' --> ', 12) || (line.length > 29 && line.charCodeAt(29) !== 32 && line.charCodeAt(29) !== 9)) return null;
  const start = parseCanonical(line, 0, 46);
  const end = start === null ? null : parseCanonical(line, 17, 46);
  return start === null || end === null ? null : { start, end, settings: line.length > 29 ? line.slice(30).trim() : '' };
}

/**
 * The common case written by Captioner and most tools: "WEBVTT", then cues of optional id,
 * canonical timing with optional settings, plain text lines. Returns null at anything else
 * (NOTE, STYLE, tags, entities, odd spacing) and the full W3C-style parser takes over.
 */
function parseCanonicalVtt(text: string): Cue[] | null {
  if (!text.startsWith('WEBVTT\n\n')) return null;
  const n = text.length;
  const cues: Cue[] = [];
  const nextId = makeIdFactory();
  let pos = 8;
  while (pos < n) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = n;
    if (nl === pos) return null;
    let t = pos;
    if (text.charCodeAt(pos + 13) !== 45 || !text.startsWith(' --> ', pos + 12)) {
      // An id line; it must not look like anything else.
      const id = text.slice(pos, nl);
      if (id.includes('-->') || /^(NOTE|STYLE|REGION)\b/.test(id)) return null;
      t = nl + 1;
      nl = text.indexOf('\n', t);
      if (nl < 0) return null;
    }
    if (!text.startsWith(' --> ', t + 12)) return null;
    const start = parseCanonical(text, t, 46);
    const end = parseCanonical(text, t + 17, 46);
    if (start === null || end === null || end <= start) return null;
    let settings = '';
    if (nl > t + 29) {
      if (text.charCodeAt(t + 29) !== 32) return null;
      settings = text.slice(t + 30, nl);
      if (settings.includes('-->')) return null;
    }
    const block = plainBlock(text, nl + 1, /[<&]|-->/);
    if (!block) return null;
    const lines = block.lines;
    const prev = cues[cues.length - 1];
    if (prev && start < prev.start) return null; // out of order: let the full parser warn
    const cue: Cue = { id: nextId(), start, end, lines, words: [] };
    if (settings) cue.settings = settings;
    cues.push(cue);
    pos = block.next;
  }
  return cues;
}

/** Parses WebVTT following the W3C parser's block structure, collecting problems as data. */
export function parseVtt(input: string | Uint8Array, opts: ParseOptions = {}): VttParseResult {
  const issues = new IssueList(opts.strict ?? false);
  let text: string;
  let bom = false;
  if (typeof input === 'string') text = input;
  else {
    const d = decodeText(input);
    text = d.text;
    bom = d.bom;
    if (d.encoding !== 'utf-8') issues.repair('ENCODING', 0, `WebVTT must be UTF-8; decoded from ${d.encoding}.`);
  }
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
    bom = true;
  }
  if (text.includes('\0')) text = text.replace(/\0/g, '\ufffd');
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  const fast = parseCanonicalVtt(text);
  if (fast) return { cues: fast, speakers: [], styles: [], regions: [], notes: [], bom, issues: issues.items, ok: issues.ok, encoding: 'utf-8' };
  const lines = text.split('\n');
  const base = { cues: [] as Cue[], speakers: [] as Speaker[], styles: [] as string[], regions: [] as string[], notes: [] as string[], bom };
  if (!/^WEBVTT([ \t].*)?$/.test(lines[0] ?? '')) {
    issues.error('NOT_WEBVTT', 1, 'The file does not start with "WEBVTT"; it is not a WebVTT file.');
    return { ...base, issues: issues.items, ok: false, encoding: 'utf-8' };
  }
  let i = 1;
  // Header lines run to the first blank line; a timing line there means a missing blank line.
  while (i < lines.length && (lines[i] ?? '') !== '') {
    if ((lines[i] ?? '').includes('-->')) {
      issues.repair('HEADER_NO_BLANK', i + 1, 'Missing blank line after the header.');
      break;
    }
    i++;
  }
  const nextId = makeIdFactory();
  const voiceIds = new Map<string, number>();
  let seenCue = false;
  let stripWarned = false;
  const n = lines.length;
  while (i < n) {
    if ((lines[i] as string) === '') {
      i++;
      continue;
    }
    const startLine = i + 1;
    const head = lines[i] as string;
    // W3C "collect a block": the timing line is the first line, or the second after an id.
    const timingIdx = head.includes('-->') ? i : i + 1 < n && (lines[i + 1] as string).includes('-->') && !/^(NOTE|STYLE|REGION)([ \t]|$)/.test(head) ? i + 1 : -1;
    if (timingIdx < 0) {
      const block: string[] = [];
      while (i < n && (lines[i] as string) !== '') block.push(lines[i++] as string);
      if (/^NOTE($|[ \t])/.test(head)) base.notes.push(block.join('\n').replace(/^NOTE[ \t]?/, ''));
      else if (/^STYLE[ \t]*$/.test(head)) {
        if (seenCue) issues.warn('STYLE_AFTER_CUE', startLine, 'STYLE block after a cue is not allowed; dropped.');
        else base.styles.push(block.slice(1).join('\n'));
      } else if (/^REGION[ \t]*$/.test(head)) {
        if (seenCue) issues.warn('REGION_AFTER_CUE', startLine, 'REGION block after a cue is not allowed; dropped.');
        else base.regions.push(block.slice(1).join('\n'));
      } else issues.repair('STRAY_TEXT', startLine, `Block without a timing line ignored: "${head.slice(0, 40)}"`);
      continue;
    }
    const timingLine = timingIdx + 1;
    const tline = lines[timingIdx] as string;
    // Cue text runs to a blank line, or to a line holding "-->" (which starts the next block).
    let j = timingIdx + 1;
    const textLines: string[] = [];
    let markup = false;
    while (j < n) {
      const l = lines[j] as string;
      if (l === '' || l.includes('-->')) break;
      if (!markup && (l.includes('<') || l.includes('&'))) markup = true;
      textLines.push(l);
      j++;
    }
    i = j;
    let timing = fastTiming(tline);
    if (!timing) {
      const m = TIMING.exec(tline);
      const st = m ? parseVttTimestamp(m[1] ?? '') : null;
      const en = m ? parseVttTimestamp(m[2] ?? '') : null;
      if (st === null || en === null) {
        issues.error('BAD_TIMESTAMP', timingLine, `Cannot read the cue timing "${tline}"; cue skipped.`);
        continue;
      }
      timing = { start: st, end: en, settings: (m?.[3] ?? '').trim() };
    }
    const { start, end } = timing;
    // The W3C parser keeps such a cue (it is an authoring error, not a parsing one); QC flags it.
    if (end <= start) issues.repair('END_BEFORE_START', timingLine, 'Cue end time is not later than its start.');
    const prevCue = base.cues[base.cues.length - 1];
    if (prevCue && start < prevCue.start) issues.warn('OUT_OF_ORDER', timingLine, 'Cue starts before the previous cue; cues should be in start order.');
    seenCue = true;
    const parsed = markup ? parseCueText(textLines.join('\n'), start, end) : { lines: trimmedLines(textLines), words: [], stripped: false, voice: undefined };
    if (parsed.stripped && !stripWarned) {
      issues.warn('TAGS_STRIPPED', timingLine + 1, 'Formatting tags (<c>, <i>, <b>, <u>, <ruby>, <lang>) removed.');
      stripWarned = true;
    }
    const cue: Cue = { id: nextId(), start, end, lines: parsed.lines, words: parsed.words };
    if (timing.settings) cue.settings = timing.settings;
    if (parsed.voice) {
      let sid = voiceIds.get(parsed.voice);
      if (sid === undefined) {
        sid = voiceIds.size;
        voiceIds.set(parsed.voice, sid);
        base.speakers.push({ id: sid, name: parsed.voice });
      }
      cue.speaker = sid;
    }
    if (!cue.lines.length) issues.warn('EMPTY_CUE', timingLine, 'Cue has no text.');
    base.cues.push(cue);
  }
  return { ...base, issues: issues.items, ok: issues.ok, encoding: 'utf-8' };
}

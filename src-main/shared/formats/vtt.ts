import { makeIdFactory, type Cue, type Speaker, type Track, type Word } from '../captions/model';
import { joinTokens, needsSpace, wordToken } from '../captions/text';
import { decodeText } from './decode';
import { IssueList } from './issues';
import type { ParseOptions, SubtitleParseResult } from './srt';
import { formatTimestamp, parseVttTimestamp } from './timecode';

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

const escapeText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Cue text may hold neither `-->` nor a blank line (W3C WebVTT §4.1). */
const safeLine = (s: string): string => escapeText(s.replace(/\r?\n/g, ' ')); // escaping '>' also breaks any '-->'

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
  const blocks = ['WEBVTT'];
  for (const s of opts.styles ?? []) blocks.push(`STYLE\n${s.replace(/-->/g, '--')}`);
  for (const r of opts.regions ?? []) blocks.push(`REGION\n${r.replace(/-->/g, '--')}`);
  for (const cue of track.cues) {
    const lines = cue.lines.filter((l) => l.trim() !== '');
    if (!lines.length) continue;
    let body = (opts.wordTimestamps ? wordTimed({ ...cue, lines }) : null) ?? lines.map(safeLine).join('\n');
    if (useSpeakers && cue.speaker !== undefined) {
      const name = track.speakers.find((s) => s.id === cue.speaker)?.name ?? `Speaker ${cue.speaker + 1}`;
      body = `<v ${escapeText(name.replace(/[\r\n]+/g, ' '))}>${body}</v>`;
    }
    const id = opts.cueIds ? `${cue.id.replace(/-->/g, '').replace(/[\r\n]+/g, ' ')}\n` : '';
    const settings = cue.settings ? ` ${cue.settings}` : '';
    blocks.push(`${id}${formatTimestamp(cue.start, '.')} --> ${formatTimestamp(cue.end, '.')}${settings}\n${body}`);
  }
  return `${blocks.join('\n\n')}\n`;
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
    lines: text.split('\n').map((l) => l.trim()).filter(Boolean),
    words,
    stripped,
  };
  if (voice) result.voice = voice;
  return result;
}

const TIMING = /^(\S+)[ \t]+-->[ \t]+(\S+)(.*)$/;

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
  text = text.replace(/\0/g, '\ufffd').replace(/\r\n?/g, '\n');
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
  while (i < lines.length) {
    if ((lines[i] ?? '') === '') {
      i++;
      continue;
    }
    const startLine = i + 1;
    const block: string[] = [];
    while (i < lines.length && (lines[i] ?? '') !== '') {
      // A timing line ends the current block if the block already has one (W3C "collect a block").
      if (block.length && (lines[i] ?? '').includes('-->') && block.some((l) => l.includes('-->'))) break;
      if (block.length === 1 && !(block[0] ?? '').includes('-->') && !(lines[i] ?? '').includes('-->') && !/^(NOTE|STYLE|REGION)\b/.test(block[0] ?? '')) break;
      block.push(lines[i] ?? '');
      i++;
    }
    const head = block[0] ?? '';
    const timingIdx = head.includes('-->') ? 0 : (block[1] ?? '').includes('-->') ? 1 : -1;
    if (timingIdx < 0) {
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
    const m = TIMING.exec(block[timingIdx] ?? '');
    const start = m ? parseVttTimestamp(m[1] ?? '') : null;
    const end = m ? parseVttTimestamp(m[2] ?? '') : null;
    const timingLine = startLine + timingIdx;
    if (start === null || end === null) {
      issues.error('BAD_TIMESTAMP', timingLine, `Cannot read the cue timing "${block[timingIdx]}"; cue skipped.`);
      continue;
    }
    // The W3C parser keeps such a cue (it is an authoring error, not a parsing one); QC flags it.
    if (end <= start) issues.repair('END_BEFORE_START', timingLine, 'Cue end time is not later than its start.');
    const prevCue = base.cues.at(-1);
    if (prevCue && start < prevCue.start) issues.warn('OUT_OF_ORDER', timingLine, 'Cue starts before the previous cue; cues should be in start order.');
    seenCue = true;
    const parsed = parseCueText(block.slice(timingIdx + 1).join('\n'), start, end);
    if (parsed.stripped && !stripWarned) {
      issues.warn('TAGS_STRIPPED', timingLine + 1, 'Formatting tags (<c>, <i>, <b>, <u>, <ruby>, <lang>) removed.');
      stripWarned = true;
    }
    const cue: Cue = { id: nextId(), start, end, lines: parsed.lines, words: parsed.words };
    const settings = (m?.[3] ?? '').trim();
    if (settings) cue.settings = settings;
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

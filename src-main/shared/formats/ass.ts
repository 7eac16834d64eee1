import { cueId, speakerName, type Cue, type Speaker, type Track } from '../captions/model';
import { readAssDocument, type AssDialogue, type AssDocument } from './ass-events';
import { IssueList } from './issues';
import type { SubtitleParseResult } from './srt';
import { begin, centiTime, code, end, hasText, plainText, reserve, specialChars, text } from './writer';

/**
 * Advanced SubStation Alpha (ASS v4.00+) and its elder SSA v4: the format of fansub players,
 * Aegisub and libass (ffmpeg's `subtitles` filter, so also burn-in). Written here (a writer is a
 * few lines of text); read with `ass-compiler`, which handles both dialects, `Format:` lines in
 * any order and override blocks (the plain events of the usual layout are split by position the
 * way it splits them: ass-events.ts).
 */

export interface AssStyle {
  name: string;
  font: string;
  size: number;
  /** Colours as CSS `#rrggbb` or `#rrggbbaa` (alpha 00 = transparent in CSS terms). */
  primary: string;
  outlineColour: string;
  backColour: string;
  bold: boolean;
  italic: boolean;
  /** 1 = outline and shadow, 3 = opaque box behind the text. */
  borderStyle: 1 | 3;
  outline: number;
  shadow: number;
  /** Numpad position: 1-3 bottom, 4-6 middle, 7-9 top. */
  alignment: number;
  marginL: number;
  marginR: number;
  marginV: number;
}

export const DEFAULT_ASS_STYLE: AssStyle = {
  name: 'Default', font: 'Noto Sans CJK SC', size: 54, primary: '#ffffff', outlineColour: '#000000', backColour: '#00000080',
  bold: false, italic: false, borderStyle: 1, outline: 3, shadow: 1, alignment: 2, marginL: 60, marginR: 60, marginV: 50,
};

export interface AssWriteOptions {
  /** Playback resolution the sizes and margins refer to. Default 1920×1080. */
  width?: number;
  height?: number;
  style?: AssStyle;
  /**
   * Bilingual: the first line of a two-line cue in `style`, the second in `secondary` (a second
   * Dialogue event with the same times), so each language can be styled apart.
   */
  bilingual?: boolean;
  secondary?: AssStyle;
  /**
   * Bilingual: the index of a cue's first line in the second language (0, or at least the number
   * of lines: the cue has one language and is written in `style` alone). Default 1.
   */
  secondFrom?: (lines: readonly string[]) => number;
  /**
   * Bilingual in one event per cue, the second language switched with `{\rSecondary}` (burn-in):
   * libass stacks separate events of one time from the bottom up, which would show the
   * languages in reverse order.
   */
  oneEvent?: boolean;
  /** Speaker names in the Name field (default true). */
  speakers?: boolean;
  /** SSA v4 instead of ASS. */
  ssa?: boolean;
  title?: string;
}

/** `#rrggbb[aa]` → `&HAABBGGRR` (ASS alpha: 00 opaque, FF transparent). */
export function assColour(css: string): string {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})?$/i.exec(css);
  if (!m) return '&H00FFFFFF';
  const alpha = 255 - parseInt(m[4] ?? 'ff', 16);
  const hex = (n: number): string => n.toString(16).toUpperCase().padStart(2, '0');
  return `&H${hex(alpha)}${(m[3] as string).toUpperCase()}${(m[2] as string).toUpperCase()}${(m[1] as string).toUpperCase()}`;
}

function cssColour(ass: string): string {
  const m = /&H([0-9a-f]{2})?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})/i.exec(ass);
  if (!m) return '#ffffff';
  const alpha = 255 - parseInt(m[1] ?? '00', 16);
  return `#${m[4]}${m[3]}${m[2]}${alpha === 255 ? '' : alpha.toString(16).padStart(2, '0')}`.toLowerCase();
}

/**
 * Text is literal in our tracks; in ASS `{…}` is an override block and `\N`, `\n`, `\h` are
 * breaks and spaces. Braces and backslashes are written as their fullwidth forms, which every
 * renderer shows as text, and read back as ASCII (docs/formats.md).
 */
const escapeAss = (s: string): string => (!/[{}\\\r\n]/.test(s) ? s : s.replace(/[\r\n]+/g, ' ').replace(/\{/g, '｛').replace(/\}/g, '｝').replace(/\\/g, '＼'));
const unescapeAss = (s: string): string => (!/[｛｝＼]/.test(s) ? s : s.replace(/｛/g, '{').replace(/｝/g, '}').replace(/＼/g, '\\'));

function styleLine(s: AssStyle, ssa: boolean): string {
  const b = (v: boolean): string => (v ? '-1' : '0');
  const name = s.name.replace(/,/g, ' ');
  const font = s.font.replace(/,/g, ' ');
  if (ssa) {
    // SSA v4 alignment: 1-3 bottom, 5-7 top, 9-11 middle.
    const col = ((s.alignment - 1) % 3) + 1;
    const row = Math.floor((s.alignment - 1) / 3);
    const align = row === 0 ? col : row === 2 ? col + 4 : col + 8;
    return `Style: ${name},${font},${s.size},${assColour(s.primary)},${assColour(s.primary)},${assColour(s.outlineColour)},${assColour(s.backColour)},${b(s.bold)},${b(s.italic)},${s.borderStyle},${s.outline},${s.shadow},${align},${s.marginL},${s.marginR},${s.marginV},0,1`;
  }
  return `Style: ${name},${font},${s.size},${assColour(s.primary)},${assColour(s.primary)},${assColour(s.outlineColour)},${assColour(s.backColour)},${b(s.bold)},${b(s.italic)},0,0,100,100,0,0,${s.borderStyle},${s.outline},${s.shadow},${s.alignment},${s.marginL},${s.marginR},${s.marginV},1`;
}

export function formatAss(track: Pick<Track, 'cues' | 'speakers'>, opts: AssWriteOptions = {}): string {
  const ssa = opts.ssa ?? false;
  const style = opts.style ?? DEFAULT_ASS_STYLE;
  const secondary = opts.secondary ?? { ...style, name: 'Secondary', size: Math.round(style.size * 0.75), primary: '#ffe680' };
  const useSpeakers = opts.speakers ?? true;
  const head: string[] = [
    '[Script Info]',
    `Title: ${(opts.title ?? 'Captioner').replace(/[\r\n]+/g, ' ')}`,
    `ScriptType: ${ssa ? 'v4.00' : 'v4.00+'}`,
    `PlayResX: ${opts.width ?? 1920}`,
    `PlayResY: ${opts.height ?? 1080}`,
    'WrapStyle: 0',
    'ScaledBorderAndShadow: yes',
    '',
    ssa ? '[V4 Styles]' : '[V4+ Styles]',
    ssa
      ? 'Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, TertiaryColour, BackColour, Bold, Italic, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, AlphaLevel, Encoding'
      : 'Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding',
    styleLine(style, ssa),
  ];
  if (opts.bilingual) head.push(styleLine(secondary, ssa));
  head.push('', '[Events]', `Format: ${ssa ? 'Marked' : 'Layer'}, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text`);
  const header = head.join('\n');
  // The fixed parts of an event, made once.
  const lead = `Dialogue: ${ssa ? 'Marked=0' : '0'},`;
  const mainStyle = `,${style.name.replace(/,/g, ' ')},`;
  const otherStyle = `,${secondary.name.replace(/,/g, ' ')},`;
  const switchStyle = `\\N{\\r${secondary.name.replace(/[,{}\\]/g, ' ')}}`;
  const fixed = lead.length + Math.max(mainStyle.length, otherStyle.length) + switchStyle.length + 64;
  begin(header.length + track.cues.length * 120);
  reserve(header.length + 1);
  text(header);
  for (const cue of track.cues) {
    const lines = nonBlank(cue.lines);
    if (!lines.length) continue;
    const name = useSpeakers && cue.speaker !== undefined ? (speakerName(track, cue.speaker) as string).replace(/[,\r\n]+/g, ' ') : '';
    const at = opts.bilingual ? (opts.secondFrom?.(lines) ?? 1) : 0;
    let room = 2 * (fixed + name.length);
    for (const l of lines) room += l.length + 2;
    reserve(room);
    if (at > 0 && at < lines.length && opts.oneEvent) {
      event(lead, cue, mainStyle, name, lines, 0, at);
      text(switchStyle);
      assLines(lines, at, lines.length);
    } else if (at > 0 && at < lines.length) {
      event(lead, cue, mainStyle, name, lines, 0, at);
      event(lead, cue, otherStyle, name, lines, at, lines.length);
    } else event(lead, cue, mainStyle, name, lines, 0, lines.length);
  }
  code(10);
  return end();
}

/** One Dialogue event of the cue's lines [from, to), on a line of its own. */
function event(lead: string, cue: Cue, styleField: string, name: string, lines: readonly string[], from: number, to: number): void {
  code(10);
  text(lead);
  centiTime(cue.start, false);
  code(44);
  centiTime(cue.end, false);
  text(styleField);
  text(name);
  text(',0,0,0,,');
  assLines(lines, from, to);
}

/** What a line must not hold to be written as it is (see escapeAss). */
const ASS_SPECIAL = specialChars('{}\\\r\n');

/** Lines [from, to), escaped, joined by ASS's line break `\N`. */
function assLines(lines: readonly string[], from: number, to: number): void {
  for (let k = from; k < to; k++) {
    if (k > from) text('\\N');
    const l = lines[k] as string;
    if (!plainText(l, ASS_SPECIAL)) text(escapeAss(l));
  }
}

/** The lines with text, as `lines.filter((l) => l.trim() !== '')`; the array itself when all have some. */
export function nonBlank(lines: readonly string[]): readonly string[] {
  for (const l of lines) if (!hasText(l)) return lines.filter(hasText);
  return lines;
}

/**
 * The lines of an event's text (override blocks already removed): split at `\\N` and `\\n`, `\\h`
 * a no-break space, our escapes undone, trimmed, empty ones dropped. Read by character codes; text
 * with `\\h` or an escaped character takes the general way.
 */
function textLines(s: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 92) {
      const next = s.charCodeAt(i + 1);
      if (next === 78 || next === 110) {
        keepTrimmed(out, s.slice(from, i));
        from = i + 2;
        i++;
      } else if (next === 104) return generalTextLines(s);
    } else if (c === 0xff5b || c === 0xff5d || c === 0xff3c) return generalTextLines(s);
  }
  keepTrimmed(out, from ? s.slice(from) : s);
  return out;
}

function keepTrimmed(out: string[], piece: string): void {
  const t = piece.trim();
  if (t) out.push(t);
}

const generalTextLines = (s: string): string[] => s.split(/\\[Nn]/).map((l) => unescapeAss(l.replace(/\\h/g, '\u00a0')).trim()).filter(Boolean);

export interface AssParseResult extends SubtitleParseResult {
  speakers: Speaker[];
  styles: AssStyle[];
}

/** Reads ASS or SSA: cues with speakers from Name; two events with equal times (bilingual) become one cue. */
export function parseAss(text: string): AssParseResult {
  const issues = new IssueList(false);
  let doc: AssDocument;
  try {
    doc = readAssDocument(text.replace(/^\ufeff/, ''));
  } catch (e) {
    issues.error('NOT_ASS', 1, `Not a readable ASS/SSA file: ${(e as Error).message}`);
    return { cues: [], speakers: [], styles: [], issues: issues.items, ok: false };
  }
  const styles: AssStyle[] = (doc.styles ?? []).map((s) => ({
    name: s.Name, font: s.Fontname, size: Number(s.Fontsize), primary: cssColour(s.PrimaryColour), outlineColour: cssColour(s.OutlineColour), backColour: cssColour(s.BackColour),
    bold: Number(s.Bold) !== 0, italic: Number(s.Italic) !== 0, borderStyle: Number(s.BorderStyle) === 3 ? 3 : 1, outline: Number(s.Outline), shadow: Number(s.Shadow),
    alignment: Number(s.Alignment), marginL: Number(s.MarginL), marginR: Number(s.MarginR), marginV: Number(s.MarginV),
  }));
  // The loop in a function of its own (see parseLrc).
  const { cues, speakers, malformed, tagged } = assCues(doc.dialogue);
  if (tagged) issues.warn('TAGS_STRIPPED', 0, 'ASS override tags ({\\…}) removed.');
  if (malformed) issues.repair('BAD_EVENT', 0, `${malformed} Dialogue event${malformed === 1 ? '' : 's'} without readable times or text (a line cut short, or a Format line without Text) ignored.`);
  if (!cues.length) issues.error('NO_CUES', 1, 'No Dialogue events found: is this really an ASS/SSA file?');
  return { cues, speakers, styles, issues: issues.items, ok: issues.ok };
}

/**
 * Cues of the events in time order, with speakers from Name; two events with the same times in
 * different styles (bilingual) become one cue. Counts the events without readable times or text,
 * and says whether override tags were removed.
 */
function assCues(events: readonly AssDialogue[]): { cues: Cue[]; speakers: Speaker[]; malformed: number; tagged: boolean } {
  const speakers: Speaker[] = [];
  const speakerIds = new Map<string, number>();
  const cues: Cue[] = [];
  let tagged = false;
  let lastStyle = '';
  let malformed = 0;
  const dialogue = [...events].sort((a, b) => a.Start - b.Start);
  for (const d of dialogue) {
    const start = Math.round(d.Start * 1000);
    const end = Math.round(d.End * 1000);
    // A Dialogue line cut short, or a Format line without Text or with odd fields: nothing to show.
    if (d.Text === undefined || Number.isNaN(start) || Number.isNaN(end)) {
      malformed++;
      continue;
    }
    if (d.Text.raw !== d.Text.combined) tagged = true;
    const lines = textLines(d.Text.combined);
    if (!lines.length) continue;
    const prev = cues[cues.length - 1];
    if (prev && prev.start === start && prev.end === end && d.Style !== lastStyle) {
      prev.lines.push(...lines); // the other language of a bilingual cue
      continue;
    }
    lastStyle = d.Style;
    const name = (d.Name ?? '').trim();
    if (!name) {
      cues.push({ id: cueId(cues.length + 1), start, end, lines, words: [] });
      continue;
    }
    let sid = speakerIds.get(name);
    if (sid === undefined) {
      sid = speakers.length;
      speakerIds.set(name, sid);
      speakers.push({ id: sid, name });
    }
    cues.push({ id: cueId(cues.length + 1), start, end, lines, words: [], speaker: sid });
  }
  return { cues, speakers, malformed, tagged };
}

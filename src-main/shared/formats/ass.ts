import { parse as parseAssText } from 'ass-compiler';
import { makeIdFactory, speakerName, type Cue, type Speaker, type Track } from '../captions/model';
import { IssueList } from './issues';
import type { SubtitleParseResult } from './srt';

/**
 * Advanced SubStation Alpha (ASS v4.00+) and its elder SSA v4: the format of fansub players,
 * Aegisub and libass (ffmpeg's `subtitles` filter, so also burn-in). Written here (a writer is a
 * few lines of text); read with `ass-compiler`, which handles both dialects, `Format:` lines in
 * any order and override blocks.
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

/** `H:MM:SS.cc` (centiseconds, ASS's precision). */
export function assTime(ms: number): string {
  const cs = Math.round(Math.max(0, ms) / 10);
  const h = Math.floor(cs / 360_000);
  const m = Math.floor((cs % 360_000) / 6000);
  const s = Math.floor((cs % 6000) / 100);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${h}:${pad(m)}:${pad(s)}.${pad(cs % 100)}`;
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
  const out: string[] = [
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
  if (opts.bilingual) out.push(styleLine(secondary, ssa));
  out.push('', '[Events]', `Format: ${ssa ? 'Marked' : 'Layer'}, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text`);
  const lead = ssa ? 'Marked=0' : '0';
  for (const cue of track.cues) {
    const lines = cue.lines.filter((l) => l.trim() !== '');
    if (!lines.length) continue;
    const name = useSpeakers && cue.speaker !== undefined ? (speakerName(track, cue.speaker) as string).replace(/[,\r\n]+/g, ' ') : '';
    const event = (styleName: string, text: string[]): string => `Dialogue: ${lead},${assTime(cue.start)},${assTime(cue.end)},${styleName.replace(/,/g, ' ')},${name},0,0,0,,${text.map(escapeAss).join('\\N')}`;
    if (opts.bilingual && lines.length >= 2) {
      out.push(event(style.name, lines.slice(0, 1)));
      out.push(event(secondary.name, lines.slice(1)));
    } else out.push(event(style.name, lines));
  }
  return `${out.join('\n')}\n`;
}

export interface AssParseResult extends SubtitleParseResult {
  speakers: Speaker[];
  styles: AssStyle[];
}

/** Reads ASS or SSA: cues with speakers from Name; two events with equal times (bilingual) become one cue. */
export function parseAss(text: string): AssParseResult {
  const issues = new IssueList(false);
  let doc: ReturnType<typeof parseAssText>;
  try {
    doc = parseAssText(text.replace(/^\ufeff/, ''));
  } catch (e) {
    issues.error('NOT_ASS', 1, `Not a readable ASS/SSA file: ${(e as Error).message}`);
    return { cues: [], speakers: [], styles: [], issues: issues.items, ok: false };
  }
  const styles: AssStyle[] = (doc.styles?.style ?? []).map((s) => ({
    name: s.Name, font: s.Fontname, size: Number(s.Fontsize), primary: cssColour(s.PrimaryColour), outlineColour: cssColour(s.OutlineColour), backColour: cssColour(s.BackColour),
    bold: Number(s.Bold) !== 0, italic: Number(s.Italic) !== 0, borderStyle: Number(s.BorderStyle) === 3 ? 3 : 1, outline: Number(s.Outline), shadow: Number(s.Shadow),
    alignment: Number(s.Alignment), marginL: Number(s.MarginL), marginR: Number(s.MarginR), marginV: Number(s.MarginV),
  }));
  const nextId = makeIdFactory();
  const speakers: Speaker[] = [];
  const cues: Cue[] = [];
  let tagsWarned = false;
  let lastStyle = '';
  const dialogue = [...(doc.events?.dialogue ?? [])].sort((a, b) => a.Start - b.Start);
  for (const d of dialogue) {
    const start = Math.round(d.Start * 1000);
    const end = Math.round(d.End * 1000);
    if (!tagsWarned && d.Text.raw !== d.Text.combined) {
      issues.warn('TAGS_STRIPPED', 0, 'ASS override tags ({\\…}) removed.');
      tagsWarned = true;
    }
    const lines = d.Text.combined.split(/\\[Nn]/).map((l) => unescapeAss(l.replace(/\\h/g, '\u00a0')).trim()).filter(Boolean);
    if (!lines.length) continue;
    const prev = cues[cues.length - 1];
    if (prev && prev.start === start && prev.end === end && d.Style !== lastStyle) {
      prev.lines.push(...lines); // the other language of a bilingual cue
      continue;
    }
    lastStyle = d.Style;
    const cue: Cue = { id: nextId(), start, end, lines, words: [] };
    const name = (d.Name ?? '').trim();
    if (name) {
      let sp = speakers.find((s) => s.name === name);
      if (!sp) speakers.push((sp = { id: speakers.length, name }));
      cue.speaker = sp.id;
    }
    cues.push(cue);
  }
  if (!cues.length) issues.error('NO_CUES', 1, 'No Dialogue events found: is this really an ASS/SSA file?');
  return { cues, speakers, styles, issues: issues.items, ok: issues.ok };
}

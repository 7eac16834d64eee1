import { z } from 'zod';
import type { Track } from '../captions/model';

/**
 * Burn-in styles: what the captions look like when rendered into the picture by libass.
 * Sizes and margins are in a 1080-line reference (the ASS PlayResY; PlayResX follows the video's
 * aspect ratio), so a style looks the same on a 360p clip and on a 4K master.
 */
export const REF_HEIGHT = 1080;

const colour = z.string().regex(/^#[0-9a-fA-F]{6}([0-9a-fA-F]{2})?$/, 'must be a colour #rrggbb or #rrggbbaa');
// eslint-disable-next-line no-control-regex -- control characters are what is refused
const fontName = z.string().min(1).max(100).refine((v) => !/[,{}\\\u0000-\u001f]/.test(v), 'must be a font name (no commas, braces or backslashes)');

export const assStyleSchema = z.object({
  font: fontName,
  size: z.number().min(8).max(400),
  primary: colour,
  outlineColour: colour,
  backColour: colour,
  bold: z.boolean(),
  italic: z.boolean(),
  /** 1 = outline and drop shadow, 3 = an opaque box behind each line (outline colour, outline = padding). */
  borderStyle: z.union([z.literal(1), z.literal(3)]),
  outline: z.number().min(0).max(40),
  shadow: z.number().min(0).max(40),
  /** Numpad position: 1-3 bottom, 4-6 middle, 7-9 top. */
  alignment: z.number().int().min(1).max(9),
  marginL: z.number().int().min(0).max(1000),
  marginR: z.number().int().min(0).max(1000),
  marginV: z.number().int().min(0).max(1000),
});
export type BurnTextStyle = z.infer<typeof assStyleSchema>;

export const BURN_PRESETS = ['standard', 'bilingual', 'vertical', 'boxed'] as const;
export type BurnPresetId = (typeof BURN_PRESETS)[number];

export const burnStyleSchema = z.object({
  /** The preset this style started from ('custom' once edited). */
  preset: z.enum([...BURN_PRESETS, 'custom']),
  main: assStyleSchema,
  /** The second language of a bilingual cue (the lines after the script changes). */
  second: assStyleSchema,
  bilingual: z.boolean(),
});
export type BurnStyle = z.infer<typeof burnStyleSchema>;

const base: BurnTextStyle = {
  font: 'Noto Sans CJK SC', size: 54, primary: '#ffffff', outlineColour: '#000000', backColour: '#00000099',
  bold: false, italic: false, borderStyle: 1, outline: 3, shadow: 1, alignment: 2, marginL: 80, marginR: 80, marginV: 54,
};
const second = (m: BurnTextStyle): BurnTextStyle => ({ ...m, size: Math.round(m.size * 0.72), primary: '#ffe680' });

export function burnPreset(id: BurnPresetId): BurnStyle {
  switch (id) {
    case 'standard':
      return { preset: id, main: base, second: second(base), bilingual: false };
    case 'bilingual': {
      const main = { ...base, size: 52, marginV: 40 };
      return { preset: id, main, second: second(main), bilingual: true };
    }
    case 'vertical': {
      // 9:16 (PlayRes 608×1080): large bold text above the bottom ~30% that the platforms' own
      // captions, names and buttons cover, and clear of the right-hand button column.
      const main: BurnTextStyle = { ...base, size: 66, bold: true, outline: 4, shadow: 2, marginL: 44, marginR: 96, marginV: 330 };
      return { preset: id, main, second: { ...second(main), size: 48 }, bilingual: true };
    }
    case 'boxed': {
      const main: BurnTextStyle = { ...base, borderStyle: 3, outlineColour: '#000000b3', backColour: '#00000000', outline: 10, shadow: 0, marginV: 60 };
      return { preset: id, main, second: { ...second(main), primary: '#ffe680' }, bilingual: false };
    }
  }
}

export const QUALITIES = ['high', 'balanced', 'small'] as const;
export type BurnQuality = (typeof QUALITIES)[number];
export const ENCODER_CHOICES = ['auto', 'software'] as const;
export type EncoderChoice = (typeof ENCODER_CHOICES)[number];

const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/;
const LETTER = /\p{L}/u;
/** 'cjk', 'other' (Latin, Cyrillic…), or null for a line without letters. */
const scriptOf = (line: string): 'cjk' | 'other' | null => (CJK.test(line) ? 'cjk' : LETTER.test(line) ? 'other' : null);

/**
 * Where a cue's second language starts: the first line whose script differs from the first
 * line's, when every line from there on is in that other script (中文 / English). A cue in one
 * language (no translation yet, or a monolingual track) returns its length: one style.
 */
export function secondLanguageFrom(lines: readonly string[]): number {
  const first = lines[0] === undefined ? null : scriptOf(lines[0]);
  if (lines.length < 2 || first === null) return lines.length;
  const at = lines.findIndex((l) => scriptOf(l) !== null && scriptOf(l) !== first);
  if (at < 0) return lines.length;
  return lines.slice(at).every((l) => scriptOf(l) !== first) ? at : lines.length;
}

/** Whether any cue holds two languages (the bilingual preset is suggested then). */
export const hasSecondLanguage = (track: Pick<Track, 'cues'>): boolean => track.cues.some((c) => secondLanguageFrom(c.lines) < c.lines.length);

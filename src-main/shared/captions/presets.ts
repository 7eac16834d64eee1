import type { WidthMode } from './text';

/** Numbers a caption guideline sets; every field can be overridden per project. */
export interface Preset {
  id: string;
  label: string;
  maxCharsPerLine: number;
  maxLines: number;
  /** Characters per second, counted with the preset's width mode (line breaks not counted). */
  maxCps: number;
  minDurationMs: number;
  maxDurationMs: number;
  minGapFrames: number;
  frameRate: number;
  /** Gaps shorter than this are closed up to the minimum gap (avoids flicker between cues). */
  closeGapsUnderMs: number;
  /** How long a cue may stay up after its last word. */
  endExtensionMs: number;
  /** A pause this long always starts a new cue, so no cue is shown over silence. */
  breakOnPauseMs: number;
  widthMode: WidthMode;
  /** Two speakers in one cue as Netflix-style dash lines instead of a new cue per speaker. */
  dashSpeakers: boolean;
}

const netflixTiming = {
  minDurationMs: 833, // 5/6 s (20 frames at 24 fps)
  maxDurationMs: 7000,
  minGapFrames: 2,
  frameRate: 24,
  closeGapsUnderMs: 500, // 12 frames at 24 fps
  endExtensionMs: 500, // out-time may extend up to 12 frames past speech
  breakOnPauseMs: 1500,
  dashSpeakers: false,
} as const;

export const PRESETS: Record<string, Preset> = {
  'netflix-en': { id: 'netflix-en', label: 'Netflix English (17 CPS, adults)', maxCharsPerLine: 42, maxLines: 2, maxCps: 17, widthMode: 'char', ...netflixTiming },
  'netflix-en-20': { id: 'netflix-en-20', label: 'Netflix English (20 CPS)', maxCharsPerLine: 42, maxLines: 2, maxCps: 20, widthMode: 'char', ...netflixTiming },
  'netflix-en-children': { id: 'netflix-en-children', label: 'Netflix English (13 CPS, children)', maxCharsPerLine: 42, maxLines: 2, maxCps: 13, widthMode: 'char', ...netflixTiming },
  // 16 characters a line counted in full-width cells: a Latin letter or digit is half a cell (docs/DECISIONS.md).
  'netflix-zh-hans': { id: 'netflix-zh-hans', label: 'Netflix Simplified Chinese', maxCharsPerLine: 16, maxLines: 2, maxCps: 9, widthMode: 'fullwidth', ...netflixTiming },
  'netflix-ja': { id: 'netflix-ja', label: 'Netflix Japanese', maxCharsPerLine: 13, maxLines: 2, maxCps: 4, widthMode: 'fullwidth', ...netflixTiming },
  'netflix-ko': { id: 'netflix-ko', label: 'Netflix Korean', maxCharsPerLine: 16, maxLines: 2, maxCps: 12, widthMode: 'char', ...netflixTiming },
  bbc: {
    id: 'bbc', label: 'BBC (37 chars, 180 wpm)', maxCharsPerLine: 37, maxLines: 2,
    maxCps: 15, // 160-180 wpm at ~5 characters per word
    minDurationMs: 1200, maxDurationMs: 7000, minGapFrames: 2, frameRate: 25,
    closeGapsUnderMs: 1000, // "a minimum of one second" between subtitles, so shorter gaps are closed
    endExtensionMs: 500, breakOnPauseMs: 1500, widthMode: 'char', dashSpeakers: false,
  },
  vertical: {
    id: 'vertical', label: 'Vertical video (one short line)', maxCharsPerLine: 25, maxLines: 1, maxCps: 17,
    minDurationMs: 600, maxDurationMs: 4000, minGapFrames: 2, frameRate: 30, closeGapsUnderMs: 300,
    endExtensionMs: 300, breakOnPauseMs: 1000, widthMode: 'cjk-double', dashSpeakers: false,
  },
};

export const DEFAULT_PRESET_ID = 'netflix-en';

export const minGapMs = (p: Pick<Preset, 'minGapFrames' | 'frameRate'>): number => Math.round((p.minGapFrames * 1000) / p.frameRate);

export function resolvePreset(id: string, overrides: Partial<Omit<Preset, 'id'>> = {}): Preset {
  const base = PRESETS[id];
  if (!base) throw new Error(`Unknown caption preset "${id}". Known: ${Object.keys(PRESETS).join(', ')}`);
  return { ...base, ...overrides };
}

/** Picks a sensible preset for a language when the user has not chosen one. */
export function presetForLanguage(lang: string | undefined): string {
  if (!lang) return DEFAULT_PRESET_ID;
  if (lang.startsWith('zh')) return 'netflix-zh-hans';
  if (lang.startsWith('ja')) return 'netflix-ja';
  if (lang.startsWith('ko')) return 'netflix-ko';
  return DEFAULT_PRESET_ID;
}

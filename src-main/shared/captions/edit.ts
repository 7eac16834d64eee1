import { wrapTokens, type WrapRules } from './linebreak';
import type { Cue, Word } from './model';
import { joinWords, tokenizeText, wordToken } from './text';

/**
 * Editing operations for the editor and the CLI. Each is pure: it returns new cues and leaves
 * its input untouched, which is what undo/redo and autosave build on.
 */

const rewrap = (text: string, rules: WrapRules): string[] => wrapTokens(tokenizeText(text), rules);
const linesFromWords = (words: readonly Word[], rules: WrapRules): string[] => wrapTokens(words.map(wordToken), rules);
const wordsMatchText = (cue: Cue): boolean => cue.words.length > 0 && joinWords(cue.words) === cue.lines.join(' ');

function indexOf(cues: readonly Cue[], id: string): number {
  const k = cues.findIndex((c) => c.id === id);
  if (k < 0) throw new Error(`No cue with id ${id}`);
  return k;
}

export type SplitAt = { word: number } | { char: number };

/** Splits a cue before a word (times from the words) or at a character offset of its text (times by proportion). */
export function splitCue(cues: readonly Cue[], id: string, at: SplitAt, newId: string, rules: WrapRules): Cue[] {
  const k = indexOf(cues, id);
  const cue = cues[k] as Cue;
  let first: Cue;
  let second: Cue;
  if ('word' in at && wordsMatchText(cue)) {
    const w = Math.min(Math.max(1, at.word), cue.words.length - 1);
    const a = cue.words.slice(0, w);
    const b = cue.words.slice(w);
    if (!a.length || !b.length) return [...cues];
    first = { ...cue, end: Math.min(cue.end, (a.at(-1) as Word).end), lines: linesFromWords(a, rules), words: a };
    second = { ...cue, id: newId, start: Math.max(first.end, (b[0] as Word).start), lines: linesFromWords(b, rules), words: b };
  } else {
    const text = cue.lines.join(' ');
    const offset = 'char' in at ? at.char : Math.round(text.length / 2);
    const left = text.slice(0, offset).trim();
    const right = text.slice(offset).trim();
    if (!left || !right) return [...cues];
    const t = Math.round(cue.start + ((cue.end - cue.start) * offset) / Math.max(1, text.length));
    first = { ...cue, end: t, lines: rewrap(left, rules), words: cue.words.filter((w) => w.end <= t) };
    second = { ...cue, id: newId, start: t, lines: rewrap(right, rules), words: cue.words.filter((w) => w.end > t) };
  }
  delete second.settings;
  delete second.label; // a file's cue id names one cue: the first half keeps it
  return [...cues.slice(0, k), first, second, ...cues.slice(k + 1)];
}

/** Merges a run of adjacent cues into the first; words and text are kept in order. */
export function mergeCues(cues: readonly Cue[], ids: readonly string[], rules: WrapRules): Cue[] {
  const idx = ids.map((id) => indexOf(cues, id)).sort((a, b) => a - b);
  if (idx.length < 2) return [...cues];
  const lo = idx[0] as number;
  const hi = idx[idx.length - 1] as number;
  const group = cues.slice(lo, hi + 1);
  const allMatch = group.every(wordsMatchText);
  const words = group.flatMap((c) => c.words);
  const merged: Cue = {
    ...(group[0] as Cue),
    // reduce, not a spread: a merge may span any number of cues
    start: group.reduce((m, c) => Math.min(m, c.start), Infinity),
    end: group.reduce((m, c) => Math.max(m, c.end), 0),
    words,
    lines: allMatch ? linesFromWords(words, rules) : rewrap(group.map((c) => c.lines.join(' ')).join(' '), rules),
  };
  return [...cues.slice(0, lo), merged, ...cues.slice(hi + 1)];
}

/** Inserts an empty cue at a time, fitted into the gap it lands in. */
export function insertCue(cues: readonly Cue[], at: number, id: string, durationMs = 2000, text = ''): Cue[] {
  let k = cues.findIndex((c) => c.start > at);
  if (k < 0) k = cues.length;
  const prev = cues[k - 1];
  const next = cues[k];
  const start = Math.max(at, prev ? prev.end : 0);
  const end = Math.max(start + 1, Math.min(start + durationMs, next ? next.start : Infinity));
  const cue: Cue = { id, start, end, lines: text ? text.split('\n') : [], words: [] };
  return [...cues.slice(0, k), cue, ...cues.slice(k)];
}

export function deleteCues(cues: readonly Cue[], ids: readonly string[]): Cue[] {
  const drop = new Set(ids);
  return cues.filter((c) => !drop.has(c.id));
}

/** Replaces a cue's text; explicit newlines are kept as line breaks, otherwise the text is wrapped. */
export function setCueText(cues: readonly Cue[], id: string, text: string, rules: WrapRules): Cue[] {
  const k = indexOf(cues, id);
  const lines = text.includes('\n') ? text.split('\n').map((l) => l.trim()).filter(Boolean) : rewrap(text, rules);
  return cues.map((c, i) => (i === k ? { ...c, lines } : c));
}

export function setCueTimes(cues: readonly Cue[], id: string, start: number, end: number): Cue[] {
  if (!(end > start) || start < 0) throw new Error(`Cue times must satisfy 0 <= start < end (got ${start}, ${end})`);
  const k = indexOf(cues, id);
  const moved = cues.map((c, i) => (i === k ? { ...c, start: Math.round(start), end: Math.round(end) } : c));
  return moved.sort((a, b) => a.start - b.start);
}

function mapTimes(cues: readonly Cue[], ids: readonly string[] | undefined, f: (t: number) => number): Cue[] {
  const only = ids ? new Set(ids) : null;
  const m = (t: number): number => Math.max(0, Math.round(f(t)));
  return cues
    .map((c) => (only && !only.has(c.id) ? c : { ...c, start: m(c.start), end: Math.max(m(c.start) + 1, m(c.end)), words: c.words.map((w) => ({ ...w, start: m(w.start), end: m(w.end) })) }))
    .sort((a, b) => a.start - b.start);
}

/** Moves all cues, or the selected ones, by an offset (clamped at zero). */
export const shiftCues = (cues: readonly Cue[], deltaMs: number, ids?: readonly string[]): Cue[] => mapTimes(cues, ids, (t) => t + deltaMs);

/** Two-point synchronisation: the times `a.from` and `b.from` move to `a.to` and `b.to`, everything else linearly. */
export function stretchCues(cues: readonly Cue[], a: { from: number; to: number }, b: { from: number; to: number }, ids?: readonly string[]): Cue[] {
  if (a.from === b.from) throw new Error('The two sync points must be at different times');
  const scale = (b.to - a.to) / (b.from - a.from);
  return mapTimes(cues, ids, (t) => a.to + (t - a.from) * scale);
}

export const FRAME_RATES = { '23.976': 24000 / 1001, '24': 24, '25': 25, '29.97': 30000 / 1001 } as const;
export type FrameRateName = keyof typeof FRAME_RATES;

/** Retimes captions made for one frame rate onto a video at another (e.g. a PAL 25 fps release on 23.976). */
export function convertFrameRate(cues: readonly Cue[], from: FrameRateName, to: FrameRateName): Cue[] {
  const factor = FRAME_RATES[from] / FRAME_RATES[to];
  return mapTimes(cues, undefined, (t) => t * factor);
}

/** Snaps cue edges to the nearest word start/end within a tolerance, using each cue's words or the given words. */
export function snapToWords(cues: readonly Cue[], toleranceMs = 300, allWords?: readonly Word[], ids?: readonly string[]): Cue[] {
  const only = ids ? new Set(ids) : null;
  const nearest = (t: number, times: readonly number[]): number => {
    let best = t;
    let dist = toleranceMs + 1;
    for (const x of times) {
      if (Math.abs(x - t) < dist) {
        dist = Math.abs(x - t);
        best = x;
      }
    }
    return best;
  };
  return cues.map((c) => {
    if (only && !only.has(c.id)) return c;
    const words = c.words.length ? c.words : (allWords ?? []).filter((w) => w.end >= c.start - toleranceMs && w.start <= c.end + toleranceMs);
    if (!words.length) return c;
    const start = nearest(c.start, words.map((w) => w.start));
    const end = nearest(c.end, words.map((w) => w.end));
    return end > start ? { ...c, start, end } : c;
  });
}

/** Find and replace across cue text; returns the new cues and how many replacements were made. */
export function replaceText(cues: readonly Cue[], find: string, replacement: string, opts: { caseSensitive?: boolean; wholeWord?: boolean } = {}): { cues: Cue[]; count: number } {
  if (!find) return { cues: [...cues], count: 0 };
  const escaped = find.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(opts.wholeWord ? `(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])` : escaped, `gu${opts.caseSensitive ? '' : 'i'}`);
  let count = 0;
  const out = cues.map((c) => {
    let changed = false;
    const lines = c.lines.map((l) =>
      l.replace(re, () => {
        count++;
        changed = true;
        return replacement;
      }),
    );
    return changed ? { ...c, lines } : c;
  });
  return { cues: out, count };
}

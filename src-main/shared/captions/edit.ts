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

export type SplitAt = { word: number } | { char: number } | { time: number };

/** Index of the first word of the second half when cutting at time t (the word whose middle is after t). */
function wordAtTime(words: readonly Word[], t: number): number {
  const k = words.findIndex((w) => (w.start + w.end) / 2 >= t);
  return k < 0 ? words.length : k;
}

/**
 * Splits a cue before a word (times from the words), at a character offset of its text (times by
 * proportion) or at a time (the playhead: the text is cut at the word spoken there). The two
 * halves are kept `gapMs` apart (the preset's minimum gap), so the split itself never makes a QC
 * finding. Returns the cues unchanged when there is nothing to split at.
 */
export function splitCue(cues: readonly Cue[], id: string, at: SplitAt, newId: string, rules: WrapRules, gapMs = 0): Cue[] {
  const k = indexOf(cues, id);
  const cue = cues[k] as Cue;
  let first: Cue;
  let second: Cue;
  const byWords = wordsMatchText(cue) && cue.words.length > 1;
  if ('time' in at && (at.time <= cue.start || at.time >= cue.end)) return [...cues];
  if (byWords && !('char' in at)) {
    const w = Math.min(Math.max(1, 'word' in at ? at.word : wordAtTime(cue.words, at.time)), cue.words.length - 1);
    const a = cue.words.slice(0, w);
    const b = cue.words.slice(w);
    const cut = 'time' in at ? at.time : null;
    first = { ...cue, end: cut ?? Math.min(cue.end, (a.at(-1) as Word).end), lines: linesFromWords(a, rules), words: a };
    second = { ...cue, id: newId, start: cut ?? Math.max(first.end, (b[0] as Word).start), lines: linesFromWords(b, rules), words: b };
  } else {
    const text = cue.lines.join(' ');
    const proportional = (t: number): number => Math.round(((t - cue.start) / Math.max(1, cue.end - cue.start)) * text.length);
    let offset = 'char' in at ? at.char : 'time' in at ? proportional(at.time) : Math.round(text.length / 2);
    // Cut at a space near the offset rather than inside a word (CJK text has none: cut anywhere).
    if (!('char' in at) && /\s/.test(text)) {
      const before = text.lastIndexOf(' ', offset);
      const after = text.indexOf(' ', offset);
      offset = after >= 0 && (before < 0 || after - offset < offset - before) ? after : before >= 0 ? before : offset;
    }
    const left = text.slice(0, offset).trim();
    const right = text.slice(offset).trim();
    if (!left || !right) return [...cues];
    const t = 'time' in at ? Math.round(at.time) : Math.round(cue.start + ((cue.end - cue.start) * offset) / Math.max(1, text.length));
    first = { ...cue, end: t, lines: rewrap(left, rules), words: cue.words.filter((w) => w.end <= t) };
    second = { ...cue, id: newId, start: t, lines: rewrap(right, rules), words: cue.words.filter((w) => w.end > t) };
  }
  // Keep the preset's gap: the first half gives way, unless that would leave it nothing.
  if (second.start - first.end < gapMs) {
    const end = second.start - gapMs;
    if (end > first.start) first = { ...first, end };
    else second = { ...second, start: Math.min(second.end - 1, first.end + gapMs) };
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

/**
 * Inserts a cue at a time (the playhead), fitted into the free time it lands in and kept the
 * minimum gap away from its neighbours; inside an existing cue it goes right after that cue.
 */
export function insertCue(cues: readonly Cue[], at: number, id: string, durationMs = 2000, text = '', gapMs = 0): Cue[] {
  let k = cues.findIndex((c) => c.start > at);
  if (k < 0) k = cues.length;
  const prev = cues[k - 1];
  const next = cues[k];
  const start = Math.max(Math.round(at), prev ? prev.end + gapMs : 0);
  const end = Math.max(start + 1, Math.min(start + durationMs, next ? next.start - gapMs : Infinity));
  const cue: Cue = { id, start, end, lines: text ? text.split('\n') : [], words: [] };
  return [...cues.slice(0, k), cue, ...cues.slice(k)];
}

/** Adds a cue with given times (drawn on the waveform), trimmed to the free time around it. */
export function createCue(cues: readonly Cue[], start: number, end: number, id: string, gapMs = 0): Cue[] {
  const a = Math.round(Math.min(start, end));
  const b = Math.round(Math.max(start, end));
  let k = cues.findIndex((c) => c.start > a);
  if (k < 0) k = cues.length;
  const prev = cues[k - 1];
  const next = cues[k];
  const s = Math.max(a, prev ? prev.end + gapMs : 0);
  const e = Math.min(b, next ? next.start - gapMs : Infinity);
  if (!(e > s)) return [...cues];
  return [...cues.slice(0, k), { id, start: s, end: e, lines: [], words: [] }, ...cues.slice(k)];
}

/**
 * New times for a cue being dragged or nudged: never over its neighbours (the minimum gap is kept;
 * an edge already inside that room may stay where it is) and snapped to the gap line when within
 * `snapMs` of it, or to one of the extra snap points (shot changes).
 */
export function fitTimes(cues: readonly Cue[], id: string, start: number, end: number, o: { gapMs: number; snapMs?: number; snapTo?: readonly number[] }): { start: number; end: number } {
  const k = indexOf(cues, id);
  const cue = cues[k] as Cue;
  const prev = cues[k - 1];
  const next = cues[k + 1];
  const lo = prev ? Math.min(cue.start, prev.end + o.gapMs) : 0;
  const hi = next ? Math.max(cue.end, next.start - o.gapMs) : Infinity;
  const snap = o.snapMs ?? 0;
  const snapOne = (t: number, line: number | null): number => {
    if (line !== null && Math.abs(t - line) <= snap) return line;
    for (const p of o.snapTo ?? []) if (Math.abs(t - p) <= snap) return p;
    return t;
  };
  const moving = start !== cue.start && end !== cue.end && end - start === cue.end - cue.start;
  if (moving) {
    // The whole cue moves: its length stays, it stops at a neighbour.
    const len = cue.end - cue.start;
    let s = Math.max(lo, Math.min(start, hi - len));
    s = snapOne(s, prev ? prev.end + o.gapMs : null);
    const e = snapOne(s + len, next ? next.start - o.gapMs : null);
    s = Math.max(lo, e - len);
    return { start: Math.round(s), end: Math.round(s + len) };
  }
  let s = start === cue.start ? start : Math.max(lo, snapOne(start, prev ? prev.end + o.gapMs : null));
  let e = end === cue.end ? end : Math.min(hi, snapOne(end, next ? next.start - o.gapMs : null));
  s = Math.max(0, Math.round(s));
  e = Math.round(e);
  if (e <= s) return { start: cue.start, end: cue.end };
  return { start: s, end: e };
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

export interface FindOptions {
  caseSensitive?: boolean;
  wholeWord?: boolean;
  regex?: boolean;
}

/** The search as a global regular expression; throws a clear error on an invalid pattern. */
export function findPattern(find: string, opts: FindOptions = {}): RegExp {
  const source = opts.regex ? find : find.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const body = opts.wholeWord ? `(?<![\\p{L}\\p{N}_])(?:${source})(?![\\p{L}\\p{N}_])` : source;
  try {
    return new RegExp(body, `gu${opts.caseSensitive ? '' : 'i'}`);
  } catch (e) {
    throw new Error(`Invalid regular expression: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}`);
  }
}

export interface Match {
  cueId: string;
  cueIndex: number;
  line: number;
  index: number;
  length: number;
}

/** Every match in order (empty matches of a regex are skipped). */
export function findMatches(cues: readonly Cue[], find: string, opts: FindOptions = {}): Match[] {
  if (!find) return [];
  const re = findPattern(find, opts);
  const out: Match[] = [];
  cues.forEach((c, cueIndex) => {
    c.lines.forEach((l, line) => {
      re.lastIndex = 0;
      for (const m of l.matchAll(re)) if (m[0].length) out.push({ cueId: c.id, cueIndex, line, index: m.index, length: m[0].length });
    });
  });
  return out;
}

/**
 * Carries the capitals of the matched text over to the replacement: "Caption" → "Subtitle",
 * "CAPTION" → "SUBTITLE", "caption" → "subtitle"; mixed case (and text without letters) is
 * left as typed.
 */
export function matchCase(matched: string, replacement: string): string {
  const letters = matched.replace(/[^\p{L}]/gu, '');
  if (!letters || letters.toLowerCase() === letters.toUpperCase()) return replacement;
  if (letters.length > 1 && letters === letters.toUpperCase()) return replacement.toUpperCase();
  if (letters === letters.toLowerCase()) return replacement.toLowerCase() === replacement ? replacement : replacement.charAt(0).toLowerCase() + replacement.slice(1);
  const first = letters.charAt(0);
  if (first === first.toUpperCase() && letters.slice(1) === letters.slice(1).toLowerCase()) return replacement.charAt(0).toUpperCase() + replacement.slice(1);
  return replacement;
}

/**
 * Find and replace across cue text; returns the new cues and how many replacements were made.
 * Without match case the capitals of each match are kept; with a regex, $1… refer to groups.
 * `only` limits it to one match (replace one).
 */
export function replaceText(
  cues: readonly Cue[],
  find: string,
  replacement: string,
  opts: FindOptions & { only?: Pick<Match, 'cueId' | 'line' | 'index'> } = {},
): { cues: Cue[]; count: number } {
  if (!find) return { cues: [...cues], count: 0 };
  const re = findPattern(find, opts);
  let count = 0;
  const out = cues.map((c) => {
    if (opts.only && opts.only.cueId !== c.id) return c;
    let changed = false;
    const lines = c.lines.map((l, li) =>
      l.replace(re, (...args: unknown[]) => {
        const m = args[0] as string;
        const at = args.find((a, i) => i > 0 && typeof a === 'number') as number;
        if (!m.length || (opts.only && (opts.only.line !== li || opts.only.index !== at))) return m;
        count++;
        changed = true;
        const groups = args.slice(1, args.indexOf(at)) as (string | undefined)[];
        const text = opts.regex ? replacement.replace(/\$(\d{1,2}|&)/g, (_, g: string) => (g === '&' ? m : (groups[Number(g) - 1] ?? ''))) : replacement;
        return opts.caseSensitive ? text : matchCase(m, text);
      }),
    );
    return changed ? { ...c, lines } : c;
  });
  return { cues: out, count };
}

import { wrapTokens } from './linebreak';
import type { Cue, Track } from './model';
import { minGapMs, type Preset } from './presets';
import { textWidth, tokenizeText } from './text';

export type QcCode = 'CPS_HIGH' | 'LINE_TOO_LONG' | 'TOO_MANY_LINES' | 'DURATION_SHORT' | 'DURATION_LONG' | 'GAP_SMALL' | 'OVERLAP' | 'EMPTY_TEXT';

export type QcFix =
  | { kind: 'set-times'; cueId: string; start: number; end: number }
  | { kind: 'rewrap'; cueId: string; lines: string[] }
  | { kind: 'delete'; cueId: string }
  | { kind: 'split'; cueId: string }
  /** Joins the cue with its neighbour `withId` (text in order, lines already wrapped). */
  | { kind: 'merge'; cueId: string; withId: string; lines: string[] };

export interface QcFinding {
  code: QcCode;
  cueId: string;
  severity: 'error' | 'warning';
  /** English for logs and the CLI; the UI words the code with `params` in its own language. */
  message: string;
  params: Record<string, number>;
  /** The proposed fix; `safe` fixes change no words and are what "fix all" applies. */
  fix?: QcFix;
  safe: boolean;
}

export const cueCps = (cue: Cue, preset: Pick<Preset, 'widthMode'>): number => {
  const chars = cue.lines.reduce((n, l) => n + textWidth(l, preset.widthMode), 0);
  return chars / Math.max(0.001, (cue.end - cue.start) / 1000);
};

/** Checks every cue against the preset and proposes a fix where one exists. */
export function checkTrack(track: Pick<Track, 'cues'>, preset: Preset): QcFinding[] {
  const cues = track.cues;
  return cues.flatMap((cue, k) => checkCue(cue, cues[k - 1], cues[k + 1], preset));
}

/**
 * One cue's findings; they depend only on the cue and its neighbours, so an editor can cache them
 * by object identity and re-check just what an edit touched.
 */
export function checkCue(cue: Cue, prev: Cue | undefined, next: Cue | undefined, preset: Preset): QcFinding[] {
  const gap = minGapMs(preset);
  const out: QcFinding[] = [];
  {
    const add = (f: Omit<QcFinding, 'cueId'>): void => {
      out.push({ ...f, cueId: cue.id });
    };
    if (!cue.lines.some((l) => l.trim())) {
      add({ code: 'EMPTY_TEXT', severity: 'error', message: 'Cue has no text.', params: {}, fix: { kind: 'delete', cueId: cue.id }, safe: true });
      return out;
    }
    const dur = cue.end - cue.start;
    const widths = cue.lines.map((l) => textWidth(l, preset.widthMode));
    // Re-wrapping is the expensive part of QC: only for cues whose lines are actually wrong.
    let rewrapFits = false;
    let rewrap: QcFix = { kind: 'split', cueId: cue.id };
    if (cue.lines.length > preset.maxLines || widths.some((w) => w > preset.maxCharsPerLine)) {
      const rewrapped = wrapTokens(tokenizeText(cue.lines.join(' ')), preset);
      rewrapFits = rewrapped.length <= preset.maxLines && rewrapped.every((l) => textWidth(l, preset.widthMode) <= preset.maxCharsPerLine);
      rewrap = { kind: 'rewrap', cueId: cue.id, lines: rewrapped };
    }
    if (widths.some((w) => w > preset.maxCharsPerLine)) {
      add({
        code: 'LINE_TOO_LONG', severity: 'error',
        message: `Line of ${widths.reduce((m, w) => Math.max(m, w), 0)} characters; the limit is ${preset.maxCharsPerLine}.`,
        params: { chars: widths.reduce((m, w) => Math.max(m, w), 0), limit: preset.maxCharsPerLine },
        ...(rewrapFits ? { fix: rewrap, safe: true } : { fix: { kind: 'split', cueId: cue.id }, safe: false }),
      });
    }
    if (cue.lines.length > preset.maxLines) {
      add({
        code: 'TOO_MANY_LINES', severity: 'error', message: `${cue.lines.length} lines; the limit is ${preset.maxLines}.`, params: { lines: cue.lines.length, limit: preset.maxLines },
        ...(rewrapFits ? { fix: rewrap, safe: true } : { fix: { kind: 'split', cueId: cue.id }, safe: false }),
      });
    }
    if (prev && cue.start < prev.end) {
      const end = cue.start - gap;
      add({
        code: 'OVERLAP', severity: 'error', message: `Overlaps the previous cue by ${prev.end - cue.start} ms.`, params: { ms: prev.end - cue.start },
        ...(end > prev.start
          ? { fix: { kind: 'set-times', cueId: prev.id, start: prev.start, end }, safe: true }
          : cue.end - (prev.end + gap) >= preset.minDurationMs
            ? { fix: { kind: 'set-times', cueId: cue.id, start: prev.end + gap, end: cue.end }, safe: true }
            : { safe: false }),
      });
    } else if (prev && cue.start - prev.end < gap) {
      add({
        code: 'GAP_SMALL', severity: 'warning', message: `Gap of ${cue.start - prev.end} ms before this cue; at least ${gap} ms keeps cue changes visible.`, params: { ms: cue.start - prev.end, limit: gap },
        fix: { kind: 'set-times', cueId: prev.id, start: prev.start, end: Math.max(prev.start + 1, cue.start - gap) }, safe: true,
      });
    }
    if (dur < preset.minDurationMs) {
      add({ code: 'DURATION_SHORT', severity: 'warning', message: `Shown for ${dur} ms; the minimum is ${preset.minDurationMs} ms.`, params: { ms: dur, limit: preset.minDurationMs }, ...lengthen(cue, prev, next, preset.minDurationMs, preset) });
    }
    if (dur > preset.maxDurationMs) {
      add({ code: 'DURATION_LONG', severity: 'warning', message: `Shown for ${(dur / 1000).toFixed(1)} s; the maximum is ${preset.maxDurationMs / 1000} s.`, params: { seconds: Math.round(dur / 100) / 10, limit: preset.maxDurationMs / 1000 }, fix: { kind: 'split', cueId: cue.id }, safe: false });
    }
    const cps = cueCps(cue, preset);
    if (cps > preset.maxCps + 0.05) {
      const chars = widths.reduce((a, b) => a + b, 0);
      const need = Math.min(preset.maxDurationMs, Math.ceil((chars / preset.maxCps) * 1000));
      add({ code: 'CPS_HIGH', severity: 'warning', message: `${cps.toFixed(1)} characters per second; the limit is ${preset.maxCps}.`, params: { cps: Math.round(cps * 10) / 10, limit: preset.maxCps }, ...lengthen(cue, prev, next, need, preset) });
    }
  }
  return out;
}

/** How far a cue's start may move earlier than the speech into free time to reach a duration. */
const EARLY_START_MS = 1000;
/** Neighbours further apart than this are not merged: the text would stay up over silence. */
const MERGE_GAP_MS = 1000;

/**
 * The safe way to show a cue for `need` ms: extend its end into the free time after it, then its
 * start (a little) into the free time before it; failing that, merge it with a neighbour when the
 * merged cue passes every check. Otherwise the best partial extension, marked not safe.
 */
function lengthen(cue: Cue, prev: Cue | undefined, next: Cue | undefined, need: number, preset: Preset): Pick<QcFinding, 'fix' | 'safe'> {
  const gap = minGapMs(preset);
  const roomEnd = next ? next.start - gap : Infinity;
  const roomStart = Math.max(prev ? prev.end + gap : 0, cue.start - EARLY_START_MS);
  const end = Math.max(cue.end, Math.min(cue.start + need, roomEnd));
  const start = Math.min(cue.start, Math.max(roomStart, end - need));
  if (end - start >= need) return { fix: { kind: 'set-times', cueId: cue.id, start, end }, safe: true };
  for (const other of [next, prev]) {
    const merged = other && mergedLines(other === next ? cue : other, other === next ? other : cue, preset);
    if (other && merged) return { fix: { kind: 'merge', cueId: other === next ? cue.id : other.id, withId: other === next ? other.id : cue.id, lines: merged }, safe: true };
  }
  return end > cue.end || start < cue.start ? { fix: { kind: 'set-times', cueId: cue.id, start, end }, safe: false } : { safe: false };
}

/** The lines of a and b shown as one cue, or null when that cue would break a rule. */
function mergedLines(a: Cue, b: Cue, preset: Preset): string[] | null {
  if (a.speaker !== b.speaker || b.start - a.end > MERGE_GAP_MS) return null;
  const lines = wrapTokens(tokenizeText([...a.lines, ...b.lines].join(' ')), preset);
  const widths = lines.map((l) => textWidth(l, preset.widthMode));
  const dur = b.end - a.start;
  const chars = widths.reduce((x, y) => x + y, 0);
  const ok = lines.length <= preset.maxLines && widths.every((w) => w <= preset.maxCharsPerLine) && dur <= preset.maxDurationMs && dur >= preset.minDurationMs && chars / (dur / 1000) <= preset.maxCps + 0.05;
  return ok ? lines : null;
}

/** Applies fixes; times, line breaks and merges only, so no words are ever lost. */
export function applyFixes(cues: readonly Cue[], fixes: readonly QcFix[]): Cue[] {
  const byId = new Map(cues.map((c) => [c.id, { ...c }]));
  const deleted = new Set<string>();
  for (const f of fixes) {
    const cue = byId.get(f.cueId);
    if (!cue) continue;
    if (f.kind === 'set-times') {
      cue.start = f.start;
      cue.end = f.end;
    } else if (f.kind === 'rewrap') cue.lines = f.lines;
    else if (f.kind === 'delete') deleted.add(f.cueId);
    else if (f.kind === 'merge') {
      const other = byId.get(f.withId);
      if (!other || deleted.has(f.withId)) continue;
      cue.start = Math.min(cue.start, other.start);
      cue.end = Math.max(cue.end, other.end);
      cue.words = [...cue.words, ...other.words];
      cue.lines = f.lines;
      deleted.add(f.withId);
    }
  }
  return cues.filter((c) => !deleted.has(c.id)).map((c) => byId.get(c.id) as Cue);
}

/** "Fix all": apply the safe fixes, re-check, repeat while anything changes (fixes can enable others). */
export function fixAll(cues: readonly Cue[], preset: Preset): { cues: Cue[]; applied: number } {
  let current = [...cues];
  let applied = 0;
  for (let round = 0; round < 5; round++) {
    const safe = checkTrack({ cues: current }, preset).filter((f) => f.safe && f.fix && f.fix.kind !== 'split').map((f) => f.fix as QcFix);
    // One fix per cue per round, so two fixes never fight over the same times.
    const seen = new Set<string>();
    const batch = safe.filter((f) => {
      const touched = f.kind === 'merge' ? [f.cueId, f.withId] : [f.cueId];
      if (touched.some((id) => seen.has(id))) return false;
      for (const id of touched) seen.add(id);
      return true;
    });
    if (!batch.length) break;
    current = applyFixes(current, batch);
    applied += batch.length;
  }
  return { cues: current, applied };
}

/** A stretch of sound long enough to be speech that no cue covers. */
export interface MissedSpeech {
  start: number;
  end: number;
}

/**
 * The coverage check: stretches where the audio sounds (from the speech map) but no cue is shown,
 * ignoring the margins around cues (speech runs a little past a caption) and anything shorter
 * than `minMs`. Both inputs are sorted by start, so it is one linear pass.
 */
export function missedSpeech(cues: readonly Pick<Cue, 'start' | 'end'>[], speech: readonly (readonly [number, number])[], o: { minMs?: number; marginMs?: number } = {}): MissedSpeech[] {
  const minMs = o.minMs ?? 2000;
  const margin = o.marginMs ?? 500;
  const out: MissedSpeech[] = [];
  let k = 0;
  for (const [s, e] of speech) {
    let at = s;
    while (k < cues.length && (cues[k] as Cue).end + margin <= at) k++;
    for (let j = k; j < cues.length && at < e; j++) {
      const c = cues[j] as Cue;
      if (c.start - margin >= e) break;
      if (c.start - margin > at) out.push({ start: at, end: c.start - margin });
      at = Math.max(at, c.end + margin);
    }
    if (e > at) out.push({ start: at, end: e });
  }
  // Stretches split only by short pauses are one to the reader; then the short ones are dropped.
  const merged: MissedSpeech[] = [];
  for (const m of out) {
    const last = merged.at(-1);
    if (last && m.start - last.end < 1000) last.end = m.end;
    else merged.push({ ...m });
  }
  return merged.filter((m) => m.end - m.start >= minMs);
}

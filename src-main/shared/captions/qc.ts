import { wrapTokens } from './linebreak';
import type { Cue, Track } from './model';
import { minGapMs, type Preset } from './presets';
import { textWidth, tokenizeText } from './text';

export type QcCode = 'CPS_HIGH' | 'LINE_TOO_LONG' | 'TOO_MANY_LINES' | 'DURATION_SHORT' | 'DURATION_LONG' | 'GAP_SMALL' | 'OVERLAP' | 'EMPTY_TEXT';

export type QcFix =
  | { kind: 'set-times'; cueId: string; start: number; end: number }
  | { kind: 'rewrap'; cueId: string; lines: string[] }
  | { kind: 'delete'; cueId: string }
  | { kind: 'split'; cueId: string };

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
    const room = next ? next.start - gap : Infinity;
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
        ...(end > prev.start ? { fix: { kind: 'set-times', cueId: prev.id, start: prev.start, end }, safe: true } : { safe: false }),
      });
    } else if (prev && cue.start - prev.end < gap) {
      add({
        code: 'GAP_SMALL', severity: 'warning', message: `Gap of ${cue.start - prev.end} ms before this cue; at least ${gap} ms keeps cue changes visible.`, params: { ms: cue.start - prev.end, limit: gap },
        fix: { kind: 'set-times', cueId: prev.id, start: prev.start, end: Math.max(prev.start + 1, cue.start - gap) }, safe: true,
      });
    }
    if (dur < preset.minDurationMs) {
      const end = Math.min(cue.start + preset.minDurationMs, room);
      add({
        code: 'DURATION_SHORT', severity: 'warning', message: `Shown for ${dur} ms; the minimum is ${preset.minDurationMs} ms.`, params: { ms: dur, limit: preset.minDurationMs },
        ...(end > cue.end ? { fix: { kind: 'set-times', cueId: cue.id, start: cue.start, end }, safe: end - cue.start >= preset.minDurationMs } : { safe: false }),
      });
    }
    if (dur > preset.maxDurationMs) {
      add({ code: 'DURATION_LONG', severity: 'warning', message: `Shown for ${(dur / 1000).toFixed(1)} s; the maximum is ${preset.maxDurationMs / 1000} s.`, params: { seconds: Math.round(dur / 100) / 10, limit: preset.maxDurationMs / 1000 }, fix: { kind: 'split', cueId: cue.id }, safe: false });
    }
    const cps = cueCps(cue, preset);
    if (cps > preset.maxCps + 0.05) {
      const chars = widths.reduce((a, b) => a + b, 0);
      const needEnd = cue.start + Math.ceil((chars / preset.maxCps) * 1000);
      const end = Math.min(needEnd, room, cue.start + preset.maxDurationMs);
      add({
        code: 'CPS_HIGH', severity: 'warning', message: `${cps.toFixed(1)} characters per second; the limit is ${preset.maxCps}.`, params: { cps: Math.round(cps * 10) / 10, limit: preset.maxCps },
        ...(end > cue.end ? { fix: { kind: 'set-times', cueId: cue.id, start: cue.start, end }, safe: end >= needEnd } : { safe: false }),
      });
    }
  }
  return out;
}

/** Applies fixes; times and line breaks only, so no words are ever lost. */
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
    const batch = safe.filter((f) => !seen.has(f.cueId) && seen.add(f.cueId));
    if (!batch.length) break;
    current = applyFixes(current, batch);
    applied += batch.length;
  }
  return { cues: current, applied };
}

import { stretchCues } from './edit';
import type { Cue } from './model';

export type StretchTo = { factor: number } | { endMs: number };

/**
 * Scales the times of the selected cues around the first one's start (its start stays put): by a
 * factor, or so the last selected cue ends at `endMs`. The preset's minimum gap is kept: the factor
 * is limited so no stretched cue reaches an unselected neighbour, and where shrinking brings two
 * selected cues closer than the gap, the earlier one ends sooner. `factor` in the answer is the
 * one applied (null when nothing could change).
 */
export function stretchSelection(cues: readonly Cue[], ids: readonly string[], to: StretchTo, gapMs: number): { cues: Cue[]; factor: number | null } {
  const chosen = new Set(ids);
  const idx = cues.flatMap((c, i) => (chosen.has(c.id) ? [i] : []));
  const first = cues[idx[0] ?? -1];
  const last = cues[idx.at(-1) ?? -1];
  if (!first || !last || last.end <= first.start) return { cues: [...cues], factor: null };
  const anchor = first.start;
  let factor = 'factor' in to ? to.factor : (to.endMs - anchor) / (last.end - anchor);
  if (!Number.isFinite(factor) || factor <= 0) return { cues: [...cues], factor: null };
  // Unselected neighbours bound the factor: a stretched cue stops at the gap before the next one,
  // a shrunk cue at the gap after the previous one.
  for (const i of idx) {
    const c = cues[i] as Cue;
    const next = cues[i + 1];
    const prev = cues[i - 1];
    if (factor > 1 && next && !chosen.has(next.id) && c.end > anchor) factor = Math.min(factor, Math.max(1, (next.start - gapMs - anchor) / (c.end - anchor)));
    if (factor < 1 && prev && !chosen.has(prev.id) && i !== idx[0] && c.start > anchor) factor = Math.max(factor, Math.min(1, (prev.end + gapMs - anchor) / (c.start - anchor)));
  }
  if (Math.abs(factor - 1) < 1e-6) return { cues: [...cues], factor: null };
  const scaled = stretchCues(cues, { from: anchor, to: anchor }, { from: anchor + 1000, to: anchor + 1000 * factor }, ids);
  // Shrinking narrows the gaps between the selected cues too: they are widened back to the minimum.
  const out = scaled.map((c, k) => {
    const next = scaled[k + 1];
    if (!chosen.has(c.id) || !next || !chosen.has(next.id) || next.start - c.end >= gapMs) return c;
    return { ...c, end: Math.max(c.start + 1, next.start - gapMs) };
  });
  return { cues: out, factor };
}

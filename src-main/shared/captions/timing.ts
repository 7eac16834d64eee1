import type { Cue } from './model';

export interface TimingRules {
  minDurationMs: number;
  minGapMs: number;
  closeGapsUnderMs: number;
  endExtensionMs: number;
}

/**
 * Final timing from word times: each cue starts at its first word, ends a little after its last
 * word, lasts at least the minimum when there is room, never overlaps or crowds the next cue, and
 * short gaps are closed so captions do not flicker. Starts never move, so sync stays with speech.
 */
export function applyTiming(cues: readonly Cue[], r: TimingRules): Cue[] {
  const out = cues.map((c) => ({ ...c }));
  for (let k = 0; k < out.length; k++) {
    const cue = out[k] as Cue;
    const next = out[k + 1];
    const limit = next ? next.start - r.minGapMs : Infinity;
    let end = cue.end + r.endExtensionMs;
    if (end - cue.start < r.minDurationMs) end = cue.start + r.minDurationMs;
    if (next && next.start - end < r.closeGapsUnderMs) end = limit;
    end = Math.min(end, limit);
    // Overlapping speech (or words closer than the gap) can push the limit before the start.
    cue.end = Math.max(end, Math.min(cue.end, limit), cue.start + 1);
  }
  return out;
}

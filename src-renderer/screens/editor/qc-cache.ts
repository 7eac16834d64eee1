import type { Cue } from '@shared/captions/model';
import type { Preset } from '@shared/captions/presets';
import { checkCue, type QcFinding } from '@shared/captions/qc';

/**
 * Findings per cue, re-checked only when the cue or a neighbour changed (edits replace just the
 * cues they touch), so QC stays instant on 15,000 cues.
 */
export function createQcCache(): (cues: readonly Cue[], preset: Preset) => Map<string, QcFinding[]> {
  let cache = new WeakMap<Cue, { prev: Cue | undefined; next: Cue | undefined; preset: Preset; findings: QcFinding[] }>();
  let lastPreset: Preset | null = null;
  return (cues, preset) => {
    if (preset !== lastPreset) {
      cache = new WeakMap();
      lastPreset = preset;
    }
    const out = new Map<string, QcFinding[]>();
    for (let k = 0; k < cues.length; k++) {
      const cue = cues[k] as Cue;
      const prev = cues[k - 1];
      const next = cues[k + 1];
      let hit = cache.get(cue);
      if (!hit || hit.prev !== prev || hit.next !== next) {
        hit = { prev, next, preset, findings: checkCue(cue, prev, next, preset) };
        cache.set(cue, hit);
      }
      if (hit.findings.length) out.set(cue.id, hit.findings);
    }
    return out;
  };
}

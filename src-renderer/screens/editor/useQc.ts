import { useMemo } from 'react';
import type { Cue } from '@shared/captions/model';
import type { Preset } from '@shared/captions/presets';
import { missedSpeech } from '@shared/captions/qc';
import { createQcCache } from './qc-cache';

/**
 * The quality checks shown in the editor: findings per cue (re-checked only where cues changed),
 * how many "Fix all" can apply safely, and speech the captions miss (when the media was analysed).
 */
export function useQc(cues: readonly Cue[], preset: Preset, speech: readonly [number, number][] | null) {
  const qc = useMemo(createQcCache, []);
  const findings = useMemo(() => qc(cues, preset), [qc, cues, preset]);
  const fixable = useMemo(() => [...findings.values()].flat().filter((f) => f.safe && f.fix && f.fix.kind !== 'split').length, [findings]);
  const missed = useMemo(() => (speech ? missedSpeech(cues, speech) : []), [speech, cues]);
  return { findings, fixable, missed };
}

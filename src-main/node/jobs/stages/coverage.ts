import type { Cue } from '../../../shared/captions/model';
import { missedSpeech } from '../../../shared/captions/qc';
import type { JobFinding } from '../../../shared/jobs';
import { toAppError } from '../../../shared/result';
import type { JobRow } from '../../db/repos/jobs';
import { speechMap } from '../../media/speech';
import type { StageContext } from '../context';
import { mediaDuration } from './prepare';

/**
 * The coverage check before a job is called done: speech found in the extracted audio (the audio
 * the service heard) that no cue covers is recorded as a finding ("possible missed speech
 * 12:03–12:41"). It runs in the media pool, decodes the small extracted audio once into the cache
 * the editor's own coverage marks read, calls no service (bills nothing) and never fails the job:
 * a detection error is logged and the job finishes without findings.
 */
export async function coverageFindings(c: StageContext, row: JobRow, cues: readonly Cue[], signal?: AbortSignal): Promise<JobFinding[]> {
  const cacheDir = c.d.analysisDir;
  // A link the service downloaded itself leaves no local audio: nothing to check without a new download.
  if (!cacheDir || !row.audio_path) return [];
  c.emit(row, { status: 'CHECKING_COVERAGE' });
  let release: (() => void) | undefined;
  try {
    release = await c.extractGate.acquire(signal);
    const map = await speechMap(row.input_path, mediaDuration(c, row), c.d.tools(), cacheDir, {
      audio: { path: row.audio_path, offsetMs: row.audio_offset_ms },
      ...(signal ? { signal } : {}),
      onSpawn: (pid, marker) => c.d.children.add(pid, marker, row.id),
      onExit: (pid, marker) => c.d.children.remove(pid, marker),
    });
    return missedSpeech(cues, map.speech).map((m) => ({ code: 'MISSED_SPEECH', startMs: m.start, endMs: m.end }));
  } catch (e) {
    if (signal?.aborted) throw e;
    c.d.log?.(`job ${row.id}: coverage check skipped (${toAppError(e).code})`);
    return [];
  } finally {
    release?.();
  }
}

import { readFile } from 'node:fs/promises';
import { FLASH_MAX_DATA_URI, flashToResult } from '../../../shared/flash';
import { jobWarning } from '../../../shared/job-codes';
import type { JobOptions } from '../../../shared/jobs';
import { CodedError } from '../../../shared/result';
import type { JobRow } from '../../db/repos/jobs';
import { warningsWith, type StageContext } from '../context';
import { QUICK_ANSWER_LOST } from '../reuse';
import { mediaDuration } from './prepare';

/** Quick mode: one streamed fun-asr-flash call; nothing is queued at the service. */
export async function quick(c: StageContext, row: JobRow, opts: JobOptions, signal: AbortSignal): Promise<void> {
  if (!row.audio_path) throw new CodedError('AUDIO_MISSING', 'The extracted audio is missing; retry the job to extract it again.');
  const durationMs = mediaDuration(c, row);
  const dataUri = `data:audio/ogg;base64,${(await readFile(row.audio_path)).toString('base64')}`;
  if (dataUri.length > FLASH_MAX_DATA_URI) {
    const mb = (dataUri.length / 1048576).toFixed(1);
    throw new CodedError('QUICK_TOO_LARGE', `The audio of ${row.input_path} is ${mb} MB encoded; quick mode sends at most 10 MB. Caption it without quick mode.`, { file: row.input_path, mb, limitMb: FLASH_MAX_DATA_URI / 1048576 });
  }
  // A quick call cannot be looked up afterwards: if Captioner died while one was running, it may
  // have been billed and its answer is gone. Calling again is the user's decision, never automatic.
  if (row.submit_intent_at !== null) {
    throw new CodedError(
      QUICK_ANSWER_LOST,
      `Captioner stopped while the quick-mode call for ${row.input_path} was running; the service may have billed it and its answer cannot be fetched again. Retry the job (captioner jobs retry ${row.id.slice(0, 8)}, or Retry in the app) to transcribe it again; that call is billed again.`,
      { file: row.input_path, job: row.id.slice(0, 8) },
    );
  }
  c.commit(row.id, { submit_intent_at: Date.now(), submit_attempts: row.submit_attempts + 1 }, true);
  let lastSent = 0;
  const r = await c.d.client().flash(
    { dataUri, format: 'opus', sampleRate: 16000, language: opts.language, vocabularyId: opts.vocabularyId, context: c.d.quickContext?.() ?? { texts: [] }, signal },
    (sentences) => {
      const end = sentences.reduce((m, s) => Math.max(m, s.end_time ?? s.begin_time), 0);
      if (sentences.length === lastSent) return;
      lastSent = sentences.length;
      // The latest sentence is the job's detail line: captions appear while it runs.
      const latest = sentences[sentences.length - 1]?.text ?? '';
      c.emit({ ...(c.d.jobs.get(row.id) as JobRow), progress: c.progress(row, 'transcribing', durationMs ? (end / durationMs) * 100 : 50) }, { status: 'STREAMING', statusParams: { text: latest.length > 60 ? `${latest.slice(0, 59)}…` : latest } });
    },
  ).catch((e: unknown) => {
    // The service answered (an error) or the call failed on its own: nothing is left in doubt. An
    // abort (cancel, app shutdown) leaves the mark: the call was cut off and may have been billed.
    if (!signal.aborted) c.commit(row.id, { submit_intent_at: null });
    throw e;
  });
  if (signal.aborted) return;
  c.d.jobs.saveResult(row.id, JSON.stringify(flashToResult(r.sentences, durationMs)));
  const warnings = r.sentences.length ? undefined : warningsWith(row, jobWarning('NO_SPEECH'));
  // On disk: the billed answer is never asked for twice.
  c.commit(row.id, { stage: 'fetching', submit_intent_at: null, billed_seconds: r.usageSeconds ?? null, progress: c.progress(row, 'fetching', 0), ...(warnings ? { warnings_json: warnings } : {}) }, true);
}

import { submitParameters } from '../../../core/jobs';
import type { JobOptions } from '../../../shared/jobs';
import { CodedError } from '../../../shared/result';
import { ServiceError } from '../../dashscope/errors';
import type { JobRow } from '../../db/repos/jobs';
import type { StageContext } from '../context';
import { resolveSubmit } from './resolve';

/**
 * The one billed request. The intent is committed before the POST, so a crash during the exchange
 * resumes by looking for the task (resolve.ts), never by sending again; an answer that leaves the
 * outcome unknown (no response, reset, timeout, 5xx) is resolved the same way.
 */
export async function submit(c: StageContext, row: JobRow, opts: JobOptions, signal: AbortSignal): Promise<void> {
  if (!row.file_url) throw new CodedError('AUDIO_MISSING', 'No delivered audio URL; retry the job.');
  if (row.submit_intent_at !== null) return resolveSubmit(c, row, opts, signal);
  const channels = row.channels_json ? (JSON.parse(row.channels_json) as number[]) : undefined;
  const intent = c.d.now();
  // On disk before the POST, power loss included: after any failure, Captioner looks before it sends again.
  c.commit(row.id, { submit_intent_at: intent, submit_attempts: row.submit_attempts + 1 }, true);
  let r: { taskId: string; requestId?: string };
  try {
    r = await c.d.client().submit({ model: opts.model, fileUrls: [row.file_url], parameters: submitParameters(opts, channels) });
  } catch (e) {
    if (e instanceof ServiceError && e.code === 'SUBMIT_AMBIGUOUS') {
      // The intent stays set: the next step looks for the task before anything is sent again.
      c.d.log?.(`job ${row.id}: ${e.message}`);
      return;
    }
    // A definite refusal (bad key, bad input, throttled to the end): no task exists.
    c.commit(row.id, { submit_intent_at: null });
    throw e;
  }
  c.commit(row.id, {
    task_id: r.taskId, request_id: r.requestId ?? null, submitted_at: intent, submit_intent_at: null, task_status: 'PENDING', stage: 'transcribing',
    progress: c.progress(row, 'transcribing', 0),
  });
}

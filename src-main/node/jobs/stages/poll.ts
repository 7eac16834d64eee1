import { pollDelayMs } from '../../../core/schedules';
import { remainingAfter, serviceProgress } from '../../../core/progress';
import { CodedError, toAppError } from '../../../shared/result';
import { jobWarning, type JobParams } from '../../../shared/job-codes';
import { NO_SPEECH_CODES, ServiceError } from '../../dashscope/errors';
import type { JobRow } from '../../db/repos/jobs';
import { abortableSleep, warningsWith, type StageContext } from '../context';
import { mediaDuration } from './prepare';
import { directUrlDownloadFailed, isDirectUrlJob } from './url';

/**
 * Each automatic resubmit needs Captioner to have been down during a download (a restart), and a
 * failed download is not billed; the bound only guards against a pathological loop.
 */
const MAX_AUTO_RESUBMITS = 20;

/** The service keeps a task 24 h (§3.5); polling gives up only after that, plus a margin. */
const TASK_LIFETIME_MS = 25 * 3600_000;

/**
 * Polls the job's task until it ends. Outages (network, 5xx, throttling) are waited out with
 * backoff for as long as the service keeps the task; nothing is ever submitted from here except
 * the one documented case: a download that failed while Captioner was not serving.
 */
export async function poll(c: StageContext, row: JobRow, signal: AbortSignal): Promise<void> {
  const taskId = row.task_id;
  if (!taskId) throw new CodedError('TASK_MISSING', 'No task id recorded; retry the job to submit again.');
  // A queued task may still download from us.
  if (row.hosted_file_id) await c.d.hosting();
  const client = c.d.client();
  const durationMs = mediaDuration(c, row);
  let polls = 0;
  let outage = 0;
  let runningSince: number | null = null;
  let status = row.task_status ?? 'PENDING';
  for (;;) {
    if (signal.aborted) return;
    let q;
    try {
      q = await client.query(taskId);
      outage = 0;
    } catch (e) {
      if (!(e instanceof ServiceError && e.retryable) || c.d.now() - (row.submitted_at ?? c.d.now()) > TASK_LIFETIME_MS) throw e;
      const wait = Math.min(60_000, 2000 * 2 ** Math.min(outage++, 5));
      c.d.log?.(`job ${row.id}: polling ${taskId} failed (${toAppError(e).code}); trying again in ${wait / 1000} s`);
      c.emit(c.d.jobs.get(row.id) as JobRow, { status: 'SERVICE_UNREACHABLE', statusParams: { seconds: Math.round(wait / 1000) } });
      await abortableSleep(c.d.sleep, wait, signal);
      continue;
    }
    const next = q.output.task_status;
    if (next === 'RUNNING' && runningSince === null) runningSince = c.d.now();
    if (next !== status) {
      status = next;
      c.commit(row.id, { task_status: next });
    }
    if (next === 'SUCCEEDED' || next === 'FAILED') {
      // SUCCEEDED means "at least one subtask succeeded": look at ours (§3.2).
      const sub = q.output.results?.[0];
      const billed = q.usage?.duration ?? null;
      if (next === 'SUCCEEDED' && row.submitted_at) c.d.learnService?.({ audioMs: durationMs, submittedAt: row.submitted_at, runningAt: runningSince, endedAt: c.d.now() });
      if (sub?.subtask_status === 'SUCCEEDED' && sub.transcription_url) {
        c.commit(row.id, { stage: 'fetching', result_url: sub.transcription_url, billed_seconds: billed, progress: c.progress(row, 'fetching', 0), eta_seconds: null });
        return;
      }
      const code = sub?.code ?? q.output.code;
      const message = sub?.message ?? q.output.message ?? 'no detail';
      if (code && NO_SPEECH_CODES.has(code)) {
        const warnings = warningsWith(c.d.jobs.get(row.id) ?? row, jobWarning('NO_SPEECH'));
        c.commit(row.id, { stage: 'fetching', result_url: null, billed_seconds: billed ?? 0, warnings_json: warnings, progress: c.progress(row, 'fetching', 0) });
        return;
      }
      if (code === 'InvalidFile.DownloadFailed') return downloadFailed(c, c.d.jobs.get(row.id) ?? row, taskId, message);
      const said = { taskId, serviceMessage: message };
      if (code?.startsWith('InvalidFile')) throw new ServiceError('SERVICE_INVALID_FILE', `The service rejected the file (${code}: ${message}).`, false, undefined, code, undefined, said);
      throw new ServiceError('SERVICE_TASK_FAILED', `The transcription task failed (${code ?? 'no code'}: ${message}). Retry the job to submit it again.`, false, undefined, code, undefined, said);
    }
    if (next === 'CANCELED') {
      c.commit(row.id, { stage: 'canceled' });
      return;
    }
    if (next === 'UNKNOWN') throw new ServiceError('SERVICE_TASK_UNKNOWN', 'The service no longer knows this task (tasks are kept 24 h). Retry the job to submit it again.', false, undefined, undefined, undefined, { taskId });
    // Queue wait and speed learned from this user's finished jobs: a percentage and an ETA that
    // fall with time, and never claim "done" on an overrun (core/progress.ts).
    const now = c.d.now();
    const svc = serviceProgress(c.stats(), { status: next, submittedAt: row.submitted_at ?? now, runningAt: runningSince, now, audioMs: durationMs });
    const eta = svc.etaSeconds + remainingAfter('transcribing', c.weights(row));
    const cur = c.d.jobs.get(row.id) as JobRow;
    c.emit({ ...cur, progress: c.progress(cur, 'transcribing', svc.percent), eta_seconds: eta });
    await abortableSleep(c.d.sleep, pollDelayMs(polls++, next), signal);
  }
}

/**
 * InvalidFile.DownloadFailed is not billed. Captioner submits once more by itself (saying so, each
 * time, bounded) when the records show the failure was its own absence: the task was submitted
 * before this signed-URL server started, and either no request for the attempt reached Captioner,
 * or the only requests came to a server that has since stopped and none of them was sent whole
 * (Captioner was killed or closed mid-transfer). Otherwise the error says what the records show.
 */
function downloadFailed(c: StageContext, row: JobRow, taskId: string, message: string): Promise<void> {
  if (isDirectUrlJob(row)) throw directUrlDownloadFailed(row, message); // issue 14: the link itself was submitted
  const rec = row.hosted_file_id ? c.d.hosted.downloads(row.hosted_file_id) : undefined;
  const failed = (text: string, reason: string, more: JobParams = {}): ServiceError =>
    new ServiceError('SERVICE_INVALID_FILE', `The service could not download the ${rec ? '' : 'uploaded '}audio (InvalidFile.DownloadFailed: ${message}). ${text}`, false, undefined, 'InvalidFile.DownloadFailed', undefined, { reason, taskId, serviceMessage: message, ...more });
  if (!rec) throw failed('Retry the job to upload it again.', 'DOWNLOAD_UPLOADED');
  return c.d.hosting().then((hosting) => {
    const wasDown = (row.submitted_at ?? 0) < hosting.startedAt;
    const brokenByStop = rec.requests > 0 && rec.served === 0 && rec.lastRequestAt !== null && rec.lastRequestAt < hosting.startedAt;
    if (wasDown && (rec.requests === 0 || brokenByStop) && row.auto_resubmits < MAX_AUTO_RESUBMITS) {
      if (row.hosted_file_id) c.d.hosted.revoke(row.hosted_file_id);
      c.commit(row.id, {
        stage: 'delivering', task_id: null, task_status: null, result_url: null, file_url: null, auto_resubmits: row.auto_resubmits + 1,
        warnings_json: warningsWith(row, jobWarning(rec.requests === 0 ? 'RESUBMITTED_WHILE_DOWN' : 'RESUBMITTED_BROKEN_DOWNLOAD', { taskId })),
      });
      return;
    }
    if (wasDown && (rec.requests === 0 || brokenByStop)) {
      throw failed(`The service could not download the audio because Captioner was not running or stopped mid-transfer, ${MAX_AUTO_RESUBMITS} times. Keep Captioner running until the job is transcribed, then retry the job.`, 'DOWNLOAD_STOPPED', { times: MAX_AUTO_RESUBMITS });
    }
    if (rec.requests === 0) {
      throw failed(
        `No request for the audio reached Captioner's signed-URL server (${hosting.baseUrl}) while it was running: the service cannot reach that address. Set a public base URL that forwards to this machine (a tunnel, reverse proxy or port forward), or use upload delivery.`,
        'DOWNLOAD_UNREACHABLE',
        { baseUrl: hosting.baseUrl },
      );
    }
    if (rec.served === 0) throw failed('The service reached Captioner but the download did not complete (the connection broke). Retry the job.', 'DOWNLOAD_BROKEN');
    throw failed('Captioner sent the whole file, yet the service reports it could not download it. Retry the job.', 'DOWNLOAD_SENT');
  });
}

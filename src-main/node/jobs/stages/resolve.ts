import type { JobOptions } from '../../../shared/jobs';
import { CodedError, toAppError } from '../../../shared/result';
import { ServiceError } from '../../dashscope/errors';
import type { JobRow } from '../../db/repos/jobs';
import { abortableSleep, type StageContext } from '../context';

/** Both readings of the list's time stamps (Beijing or UTC) and any clock skew fall inside this margin. */
const WINDOW_MARGIN_MS = 9 * 3600_000;
/** A task that only its own upload URL could tell apart is trusted absent only after this long. */
const LIST_SETTLE_MS = 30_000;
/** An unfinished unknown task blocks a new attempt at most this long while our URL stays untouched. */
const UNDETERMINED_MAX_MS = 10 * 60_000;
const TERMINAL = new Set(['SUCCEEDED', 'FAILED', 'CANCELED', 'UNKNOWN']);

type Finding = { kind: 'found'; taskId: string; status: string } | { kind: 'none' } | { kind: 'undetermined' } | { kind: 'no-list'; why: string; code: string };

/**
 * Settles a submit whose outcome is unknown (docs/billing-safety.md). The job's file URL is unique
 * to the attempt, and the service echoes it in every finished task, so:
 * 1. the task list of the last hours is read, and each task this library does not own is queried;
 *    one that echoes our URL is ours, and is polled;
 * 2. if none does and none is still unfinished, the submit never arrived: the attempt's signed URL
 *    is revoked (a late task could then not download, so not bill) and a new attempt is made;
 * 3. while unknown tasks are unfinished (no files echoed yet), the job waits, unless the attempt's
 *    signed URL was never fetched for 10 minutes: then it is revoked and a new attempt is safe.
 * Without a usable list, a signed-URL attempt that was never downloaded is revoked and retried;
 * anything else fails with SUBMIT_UNRESOLVED rather than risk a second bill.
 */
export async function resolveSubmit(c: StageContext, row: JobRow, opts: JobOptions, signal: AbortSignal): Promise<void> {
  const intent = row.submit_intent_at as number;
  const signed = row.hosted_file_id !== null;
  // The service may be downloading the attempt right now: keep serving it.
  if (signed) await c.d.hosting();
  c.emit(row, { status: 'CHECKING_SUBMIT' });
  for (let round = 0; ; round++) {
    if (signal.aborted) return;
    const finding = await findTask(c, row, opts.model, intent, signal);
    if (signal.aborted) return;
    const age = c.d.now() - intent;
    if (finding.kind === 'found') {
      c.d.log?.(`job ${row.id}: the unclear submit reached the service as task ${finding.taskId}; polling it`);
      c.commit(row.id, {
        task_id: finding.taskId, submitted_at: intent, submit_intent_at: null, task_status: finding.status, stage: 'transcribing', progress: c.progress(row, 'transcribing', 0),
      });
      return;
    }
    if (finding.kind === 'none' && (signed || age >= LIST_SETTLE_MS)) {
      if (supersede(c, row)) return;
    } else if (finding.kind === 'undetermined' && signed && age >= UNDETERMINED_MAX_MS) {
      if (supersede(c, row)) return;
    } else if (finding.kind === 'no-list') {
      if (signed && supersede(c, row)) return;
      throw new CodedError(
        'SUBMIT_UNRESOLVED',
        `The submit of ${row.input_path} got no answer, the service ${signed ? 'downloaded the audio (so a task exists)' : 'may have the task'}, and its task list could not be read (${finding.why}). Captioner does not submit again while a task may exist; retry the job later to look again, or check the tasks in the DashScope console.`,
        { file: row.input_path, ...(signed ? { reason: 'DOWNLOADED' } : {}), cause: finding.code },
      );
    }
    await abortableSleep(c.d.sleep, Math.min(30_000, 1000 * 2 ** Math.min(round, 5)), signal);
  }
}

/**
 * Revokes the attempt's signed URL, then checks that it was never fetched: from that moment no task
 * can get the audio, so a new attempt cannot lead to a second bill. Returns false (keep looking)
 * when the service did fetch it: then a task of ours exists.
 */
function supersede(c: StageContext, row: JobRow): boolean {
  if (row.hosted_file_id) {
    c.d.hosted.revoke(row.hosted_file_id);
    if (c.d.hosted.downloads(row.hosted_file_id).requests > 0) return false;
  }
  c.d.log?.(`job ${row.id}: the unclear submit did not reach the service; submitting a new attempt`);
  // Signed URLs get a fresh file id (delivering); an uploaded file keeps its URL.
  c.commit(row.id, { submit_intent_at: null, stage: row.hosted_file_id ? 'delivering' : 'submitted' });
  return true;
}

async function findTask(c: StageContext, row: JobRow, model: string, intent: number, signal: AbortSignal): Promise<Finding> {
  const client = c.d.client();
  const listed: string[] = [];
  try {
    for (let page = 1; page <= 50; page++) {
      const r = await client.listTasks({ startMs: intent - WINDOW_MARGIN_MS, endMs: c.d.now() + WINDOW_MARGIN_MS, model, pageNo: page, pageSize: 100 });
      listed.push(...r.tasks.map((t) => t.taskId));
      if (!r.more) break;
    }
  } catch (e) {
    const err = toAppError(e);
    if (e instanceof ServiceError && e.retryable) return { kind: 'undetermined' }; // the service is unreachable: look again later
    return { kind: 'no-list', why: `${err.code}: ${err.message}`, code: err.code };
  }
  let unfinished = false;
  // A link sent as it is (issue 14) is the same URL in every attempt: a task of an earlier attempt
  // that ended without a result must not be taken for this one while another may still be it.
  let ended: { taskId: string; status: string } | undefined;
  for (const taskId of listed) {
    if (signal.aborted) return { kind: 'undetermined' };
    if (c.d.jobs.ownsTask(taskId)) continue;
    let seen = c.taskCache.get(taskId);
    if (!seen || (!seen.terminal && c.d.now() - seen.checkedAt > 1000)) {
      try {
        const q = await client.query(taskId);
        const status = q.output.task_status;
        seen = { fileUrls: (q.output.results ?? []).map((s) => s.file_url ?? ''), terminal: TERMINAL.has(status), status, checkedAt: c.d.now() };
        c.taskCache.set(taskId, seen);
      } catch {
        unfinished = true;
        continue;
      }
    }
    if (seen.fileUrls.includes(row.file_url as string)) {
      if (seen.status !== 'SUCCEEDED' && seen.terminal) ended ??= { taskId, status: seen.status };
      else return { kind: 'found', taskId, status: seen.status };
    }
    if (!seen.terminal) unfinished = true;
  }
  if (unfinished) return { kind: 'undetermined' };
  return ended ? { kind: 'found', ...ended } : { kind: 'none' };
}

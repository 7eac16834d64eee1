import { formatClock } from '../shared/formats/timecode';
import { DIRECT_REFUSALS, URL_FAILURE_CODES, type DirectRefusal, type JobWarning, type UrlFailure } from '../shared/job-codes';
import type { JobFinding, JobOptions, JobStage, JobStatus, JobStatusParams } from '../shared/jobs';
import { directReason, urlFailureMessage } from './url';

/** Progress range each stage covers, so one bar can show the whole job. */
export const STAGE_SPAN: Record<JobStage, [number, number]> = {
  queued: [0, 0], probing: [0, 2], extracting: [2, 30], delivering: [30, 40], submitted: [40, 42],
  transcribing: [42, 95], fetching: [95, 99], done: [100, 100], failed: [0, 0], canceled: [0, 0],
};

export const overallProgress = (stage: JobStage, stagePercent: number): number => {
  const [a, b] = STAGE_SPAN[stage];
  return Math.round((a + ((b - a) * Math.min(100, Math.max(0, stagePercent))) / 100) * 10) / 10;
};

/** Errors that mean the task itself ended badly at the service: a retry needs a new task. */
export const TASK_LEVEL_ERRORS = new Set(['SERVICE_TASK_FAILED', 'SERVICE_INVALID_FILE', 'URL_DOWNLOAD_FAILED', 'SERVICE_TASK_UNKNOWN', 'TASK_MISSING']);

/**
 * Where a retry starts: local stages start over from the file; a submit whose outcome is unknown
 * is looked for, never sent again; a task that still exists is polled (an outage failed the job,
 * not the task); a task that failed at the service is submitted again (re-delivering the audio if
 * the extracted copy is gone); a failed download re-queries.
 */
export function retryStage(failed: JobStage | undefined, hasAudio: boolean, hasTask: boolean, o: { errorCode?: string; submitPending?: boolean } = {}): JobStage {
  if (o.submitPending) return 'submitted';
  switch (failed) {
    case 'transcribing':
      if (hasTask && !TASK_LEVEL_ERRORS.has(o.errorCode ?? '')) return 'transcribing';
      return hasAudio ? 'delivering' : 'queued';
    case 'delivering':
    case 'submitted':
      return hasAudio ? 'delivering' : 'queued';
    case 'fetching':
      return hasTask ? 'transcribing' : hasAudio ? 'delivering' : 'queued';
    default:
      return 'queued';
  }
}

export type Delivery = 'signed-url' | 'upload';

/** signed-url needs the service to reach us: a loopback service, or a public base URL. */
export function chooseDelivery(requested: JobOptions['delivery'], serviceIsLoopback: boolean, hasPublicBaseUrl: boolean): { mode: Delivery } | { error: string } {
  const reachable = serviceIsLoopback || hasPublicBaseUrl;
  if (requested === 'upload') return { mode: 'upload' };
  if (requested === 'signed-url') {
    return reachable
      ? { mode: 'signed-url' }
      : { error: 'signed-url delivery needs a public base URL that the service can reach (a tunnel, reverse proxy or port forward); set --public-base-url, or use --delivery upload.' };
  }
  return { mode: reachable ? 'signed-url' : 'upload' };
}

/** The `parameters` object of a submit (always an object, even empty: funasr-api.md §1.1). */
export function submitParameters(o: JobOptions, channelIds: number[] | undefined): Record<string, unknown> {
  const p: Record<string, unknown> = {};
  if (o.language) p.language_hints = [o.language];
  if (o.vocabularyId) p.vocabulary_id = o.vocabularyId;
  if (channelIds && channelIds.length) p.channel_id = channelIds;
  if (o.diarize) {
    p.diarization_enabled = true;
    if (o.speakerCount) p.speaker_count = o.speakerCount;
  }
  const f = o.specialWordFilter;
  if (f && (f.maskWords.length || f.removeWords.length || !f.systemReserved)) {
    // A JSON-encoded string, which every doc revision accepts (§2.2).
    const filter: Record<string, unknown> = { system_reserved_filter: f.systemReserved };
    if (f.maskWords.length) filter.filter_with_signed = { word_list: f.maskWords };
    if (f.removeWords.length) filter.filter_with_empty = { word_list: f.removeWords };
    p.special_word_filter = JSON.stringify(filter);
  }
  return p;
}

/** The status code of a stage (the task's own status tells queued from running at the service). */
export function stageStatus(stage: JobStage, taskStatus?: string): JobStatus {
  switch (stage) {
    case 'queued': return 'WAITING';
    case 'probing': return 'PROBING';
    case 'extracting': return 'EXTRACTING';
    case 'delivering': return 'DELIVERING';
    case 'submitted': return 'SUBMITTING';
    case 'transcribing': return taskStatus === 'PENDING' ? 'QUEUED_REMOTE' : 'TRANSCRIBING';
    case 'fetching': return 'FETCHING';
    case 'done': return 'DONE';
    case 'failed': return 'FAILED';
    case 'canceled': return 'CANCELED';
  }
}

/** English words for a finding, for the CLI (the app translates the code itself). */
export function describeFinding(f: JobFinding): string {
  switch (f.code) {
    case 'MISSED_SPEECH': return `possible missed speech ${formatClock(f.startMs)}–${formatClock(f.endMs)} (speech with no caption; check it in the editor)`;
  }
}

const isOf = <T extends string>(list: readonly T[], v: unknown): v is T => typeof v === 'string' && (list as readonly string[]).includes(v);

/** English words for a warning, for the CLI (the app words the code itself, src-renderer/screens/JobNotes.tsx). */
export function describeWarning(w: JobWarning): string {
  const p = w.params ?? {};
  switch (w.code) {
    case 'TEXT': return String(p.text ?? '');
    case 'NO_SPEECH': return 'The service found no speech in this file; the transcript is empty.';
    case 'RESUBMITTED_WHILE_DOWN': return `The service tried to download the audio while Captioner was not running (task ${p.taskId} failed and is not billed); submitted it once more.`;
    case 'RESUBMITTED_BROKEN_DOWNLOAD': return `The service was downloading the audio when Captioner stopped (task ${p.taskId} failed and is not billed); submitted it once more.`;
    case 'SUBMITTED_UNCHECKED': {
      const why = isOf<UrlFailure>(URL_FAILURE_CODES, p.check) ? urlFailureMessage(p.check, String(p.url ?? ''), String(p.detail ?? '')) : String(p.detail ?? '');
      return `Submitted without checking, as you asked: ${why} There is no cost estimate, and the 12 h limit was not checked.`;
    }
    case 'DIARIZATION_LONG': return `${p.file} is longer than ${p.hours ?? 2} h; the service recommends speaker diarization only up to ${p.hours ?? 2} h and may fail or time out.`;
    case 'QUICK_TOO_LONG_STANDARD': return `Longer than 5 minutes (${p.minutes} min): transcribed the standard way instead of quick mode.`;
    case 'URL_EXTRACTED': return `Captioner extracts the audio from the link and delivers it itself, because ${isOf<DirectRefusal>(DIRECT_REFUSALS, p.reason) ? directReason(p.reason, p) : 'of the link'}.`;
  }
}

/** English words for a status, for the CLI (the app translates the code itself). */
export function describeStatus(status: JobStatus, p: JobStatusParams = {}): string {
  switch (status) {
    case 'WAITING': return 'waiting';
    case 'PROBING': return 'reading the file';
    case 'EXTRACTING': return 'extracting audio';
    case 'DELIVERING': return 'making the audio available to the service';
    case 'SUBMITTING': return 'submitting';
    case 'CHECKING_SUBMIT': return 'checking whether the service received the submit';
    case 'QUEUED_REMOTE': return 'queued at the service';
    case 'TRANSCRIBING': return 'transcribing';
    case 'STREAMING': return p.text ? `“${p.text}”` : 'transcribing';
    case 'SERVICE_UNREACHABLE': return `the service is not answering; trying again in ${p.seconds ?? 0} s`;
    case 'FETCHING': return 'downloading the result';
    case 'CHECKING_COVERAGE': return 'checking that every spoken stretch has captions';
    case 'DONE': return 'done';
    case 'FAILED': return 'failed';
    case 'CANCELED': return 'canceled';
  }
}

import { stageStatus } from '../../core/jobs';
import { isJobWarning, jobWarning, storedParams, type JobError, type JobWarning } from '../../shared/job-codes';
import { isJobFinding, type JobView } from '../../shared/jobs';
import { jobTitle, type JobRow } from '../db/repos/jobs';

/**
 * warnings_json holds coded warnings ({code, params}), the coverage check's findings (codes with
 * times) and, in libraries of older versions, notes as English text: see DECISIONS.md. Text is
 * passed on as TEXT, to be shown as it is.
 */
function storedWarnings(stored: unknown[]): JobWarning[] {
  const out: JobWarning[] = [];
  for (const w of stored) {
    if (typeof w === 'string') out.push(jobWarning('TEXT', { text: w }));
    else if (isJobWarning(w)) out.push(w);
  }
  return out;
}

function storedError(row: JobRow): JobError | undefined {
  if (!row.error_code) return undefined;
  const params = storedParams(row.error_params_json);
  return { code: row.error_code, message: row.error_message ?? '', ...(params ? { params } : {}) };
}

export function jobView(row: JobRow, durationMs?: number): JobView {
  const stored = JSON.parse(row.warnings_json) as unknown[];
  const findings = stored.filter(isJobFinding);
  const v: JobView = {
    id: row.id,
    inputPath: row.input_path,
    title: jobTitle(row),
    stage: row.stage,
    progress: row.progress,
    status: stageStatus(row.stage, row.task_status ?? undefined),
    warnings: storedWarnings(stored),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  if (findings.length) v.findings = findings;
  if (row.eta_seconds !== null) v.etaSeconds = row.eta_seconds;
  if (row.failed_stage) v.failedStage = row.failed_stage;
  const error = storedError(row);
  if (error) v.error = error;
  if (row.estimate_json) v.estimate = JSON.parse(row.estimate_json) as JobView['estimate'] & object;
  if (row.billed_seconds !== null) v.billedSeconds = row.billed_seconds;
  if (row.transcript_id) v.transcriptId = row.transcript_id;
  if (row.task_id) v.taskId = row.task_id;
  if (durationMs !== undefined) v.durationMs = durationMs;
  return v;
}

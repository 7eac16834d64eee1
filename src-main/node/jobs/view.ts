import { stageStatus } from '../../core/jobs';
import { isJobFinding, type JobView } from '../../shared/jobs';
import { jobTitle, type JobRow } from '../db/repos/jobs';

export function jobView(row: JobRow, durationMs?: number): JobView {
  // warnings_json holds the probe's notes (text) and the coverage check's findings (codes): see DECISIONS.md.
  const stored = JSON.parse(row.warnings_json) as unknown[];
  const findings = stored.filter(isJobFinding);
  const v: JobView = {
    id: row.id,
    inputPath: row.input_path,
    title: jobTitle(row),
    stage: row.stage,
    progress: row.progress,
    status: stageStatus(row.stage, row.task_status ?? undefined),
    warnings: stored.filter((w): w is string => typeof w === 'string'),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  if (findings.length) v.findings = findings;
  if (row.eta_seconds !== null) v.etaSeconds = row.eta_seconds;
  if (row.failed_stage) v.failedStage = row.failed_stage;
  if (row.error_code) v.error = { code: row.error_code, message: row.error_message ?? '' };
  if (row.estimate_json) v.estimate = JSON.parse(row.estimate_json) as JobView['estimate'] & object;
  if (row.billed_seconds !== null) v.billedSeconds = row.billed_seconds;
  if (row.transcript_id) v.transcriptId = row.transcript_id;
  if (row.task_id) v.taskId = row.task_id;
  if (durationMs !== undefined) v.durationMs = durationMs;
  return v;
}

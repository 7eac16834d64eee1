import { isJobErrorCode } from '../../shared/job-codes';
import type { JobStage } from '../../shared/jobs';
import type { AppError } from '../../shared/result';
import type { JobPatch } from '../db/repos/jobs';

/** A retried job starts without its last error. */
export const NO_ERROR = { error_code: null, error_message: null, error_params_json: null } as const satisfies JobPatch;

/**
 * What a failed job records: the code and its params cross to the UI, which words them in the
 * person's language (shared/job-codes.ts); the English message stays for the CLI, logs and codes
 * the app has no words for (said in the log, so a new code without a translation is noticed).
 */
export function failurePatch(err: AppError, stage: JobStage, log?: (line: string) => void): JobPatch {
  if (!isJobErrorCode(err.code)) log?.(`error code ${err.code} has no wording in the app (shared/job-codes.ts); it shows the English message`);
  const params = err.detail && Object.keys(err.detail).length ? JSON.stringify(err.detail) : null;
  return { stage: 'failed', failed_stage: stage, error_code: err.code, error_message: err.message, error_params_json: params, eta_seconds: null };
}

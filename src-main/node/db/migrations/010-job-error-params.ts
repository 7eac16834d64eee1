import type { Database } from 'better-sqlite3';

/**
 * v10: the parameters of a job's error (JSON object: file, task id, limits, and `reason` where one
 * code has several cases, e.g. why the service could not download the audio), so the renderer can
 * word the error in the UI's language instead of showing the English `error_message` (which stays
 * for the CLI, logs and as the fallback). NULL: no error, no parameters, or failed before v10.
 */
export function up(db: Database): void {
  db.exec('ALTER TABLE jobs ADD COLUMN error_params_json TEXT');
}

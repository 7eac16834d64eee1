import type { Database } from 'better-sqlite3';

/**
 * v11: the parameters of a burn-in's error (JSON object: the video, the encoder…), as v10 did for
 * transcription jobs, so the burn-in dialog words the error in the UI's language; `error_message`
 * stays for the CLI, logs and as the fallback. NULL: no error, no parameters, or failed before v11.
 */
export function up(db: Database): void {
  db.exec('ALTER TABLE burn_jobs ADD COLUMN error_params_json TEXT');
}

import type { Database } from 'better-sqlite3';

/**
 * v2: billing safety and reuse (issue #9).
 * - jobs.submit_intent_at: set (committed) just before a submit POST, cleared once its outcome is
 *   known; a job resumed with it set looks for the task instead of submitting again.
 * - jobs.submit_attempts / auto_resubmits: counters the runner uses to bound automatic resubmits.
 * - jobs.content_hash / recognition_key: finished work is found again by file content and options.
 * - hosted_files.requests / served / first_request_at: what the signed-URL server handed out,
 *   so a failed download can be told apart from "Captioner was not running".
 * - child_processes: ffmpeg children of this library, ended on the next start if their parent died.
 * - file_hashes: a content hash cache keyed by path, size and modification time.
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE jobs ADD COLUMN submit_intent_at INTEGER;
    ALTER TABLE jobs ADD COLUMN submit_attempts INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE jobs ADD COLUMN auto_resubmits INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE jobs ADD COLUMN content_hash TEXT;
    ALTER TABLE jobs ADD COLUMN recognition_key TEXT;
    CREATE INDEX jobs_reuse ON jobs(content_hash, recognition_key);
    CREATE INDEX jobs_task ON jobs(task_id);

    ALTER TABLE hosted_files ADD COLUMN requests INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE hosted_files ADD COLUMN served INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE hosted_files ADD COLUMN first_request_at INTEGER;

    CREATE TABLE child_processes (
      pid INTEGER NOT NULL,
      marker TEXT NOT NULL,
      job_id TEXT,
      owner_pid INTEGER NOT NULL,
      created_at INTEGER NOT NULL,
      PRIMARY KEY (pid, marker)
    ) STRICT;

    CREATE TABLE file_hashes (
      path TEXT PRIMARY KEY,
      size_bytes INTEGER NOT NULL,
      mtime_ms INTEGER NOT NULL,
      sha256 TEXT NOT NULL
    ) STRICT;
  `);
}

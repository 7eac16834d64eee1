import type { Database } from 'better-sqlite3';

/**
 * v9: when the signed-URL server last accepted a GET for a file. A download the service reports
 * as failed, whose only request came to a server that has since stopped (Captioner was killed or
 * closed mid-transfer) and that never completed, was broken by Captioner, not by the network or
 * the file: the job submits once more by itself, like a download that came while Captioner was
 * not running (stages/poll.ts). NULL: never requested, or requested before v9 (first_request_at
 * is then the best lower bound there is).
 */
export function up(db: Database): void {
  db.exec('ALTER TABLE hosted_files ADD COLUMN last_request_at INTEGER');
  db.exec('UPDATE hosted_files SET last_request_at = first_request_at WHERE first_request_at IS NOT NULL');
}

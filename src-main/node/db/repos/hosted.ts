import { randomBytes } from 'node:crypto';
import type { HostedFile } from '../../hosting/server';
import type { Db } from '../connection';

/** What the signed-URL server recorded for one file: GETs accepted, whole files sent, the last GET's time. */
export interface HostedDownloads {
  requests: number;
  served: number;
  lastRequestAt: number | null;
}

/** Files the signed-URL server may serve; persisted so URLs stay valid across restarts until revoked. */
export class HostedFilesRepo {
  constructor(private readonly db: Db, private readonly now: () => number) {}
  register(path: string, mime: string, jobId: string | null): string {
    const id = randomBytes(16).toString('base64url');
    this.db.prepare('INSERT INTO hosted_files(id, path, mime, job_id, created_at) VALUES (?, ?, ?, ?, ?)').run(id, path, mime, jobId, this.now());
    return id;
  }
  lookup(id: string): HostedFile | undefined {
    const row = this.db.prepare('SELECT path, mime FROM hosted_files WHERE id = ? AND revoked_at IS NULL').get(id) as HostedFile | undefined;
    return row ? { path: row.path, mime: row.mime } : undefined;
  }
  revoke(id: string): void {
    this.db.prepare('UPDATE hosted_files SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(this.now(), id);
  }
  /** Preview grants (no job) older than their 12 h lifetime are of no use: drop them. */
  pruneExpiredPreviews(maxAgeMs = 24 * 3600_000): number {
    return this.db.prepare('DELETE FROM hosted_files WHERE job_id IS NULL AND created_at < ?').run(this.now() - maxAgeMs).changes;
  }

  /** The server accepted a GET for this file (counted before a byte is sent). */
  recordRequest(id: string): void {
    const at = this.now();
    this.db.prepare('UPDATE hosted_files SET requests = requests + 1, first_request_at = coalesce(first_request_at, ?), last_request_at = ? WHERE id = ?').run(at, at, id);
  }
  /** The server sent the whole file. */
  recordServed(id: string): void {
    this.db.prepare('UPDATE hosted_files SET served = served + 1 WHERE id = ?').run(id);
  }
  /** What the signed-URL server recorded for one attempt's file. */
  downloads(id: string): HostedDownloads {
    const row = this.db.prepare('SELECT requests, served, last_request_at AS lastRequestAt FROM hosted_files WHERE id = ?').get(id) as HostedDownloads | undefined;
    return row ?? { requests: 0, served: 0, lastRequestAt: null };
  }

  revokeForJob(jobId: string): void {
    this.db.prepare('UPDATE hosted_files SET revoked_at = ? WHERE job_id = ? AND revoked_at IS NULL').run(this.now(), jobId);
  }
}

import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { JobOptions } from '../../shared/jobs';
import type { Db } from '../db/connection';

/**
 * The options that change what the service recognises (and bills). Title, preset and delivery do
 * not: the same audio with them changed is the same transcription.
 */
export function recognitionKey(o: JobOptions): string {
  const f = o.specialWordFilter;
  return JSON.stringify([
    o.model, o.language ?? null, o.diarize, o.diarize ? (o.speakerCount ?? null) : null, o.vocabularyId ?? null, o.channels, o.audioIndex ?? null,
    o.audioLanguage ?? null, f ? [[...f.maskWords].sort(), [...f.removeWords].sort(), f.systemReserved] : null, o.quick,
  ]);
}

/** sha256 of a file's content, cached by path, size and modification time. */
export async function contentHash(db: Db, path: string): Promise<string> {
  // A URL input (issue 14) is identified by the link itself: one billed task per URL and options.
  if (/^https?:\/\//i.test(path)) return `url:${createHash('sha256').update(path.trim()).digest('hex')}`;
  const st = await stat(path);
  const mtime = Math.floor(st.mtimeMs);
  const cached = db.prepare('SELECT sha256 FROM file_hashes WHERE path = ? AND size_bytes = ? AND mtime_ms = ?').get(path, st.size, mtime) as { sha256: string } | undefined;
  if (cached) return cached.sha256;
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  const sha = h.digest('hex');
  db.prepare('INSERT OR REPLACE INTO file_hashes(path, size_bytes, mtime_ms, sha256) VALUES (?, ?, ?, ?)').run(path, st.size, mtime, sha);
  return sha;
}

export interface Reusable {
  transcriptId: string;
  jobId: string;
  finishedAt: number;
}

/** The newest finished transcript of the same content and recognition options, if still in the library. */
export function findFinished(db: Db, hash: string, key: string): Reusable | undefined {
  const r = db
    .prepare(
      `SELECT t.id AS transcriptId, j.id AS jobId, j.updated_at AS finishedAt FROM jobs j JOIN transcripts t ON t.id = j.transcript_id
       WHERE j.content_hash = ? AND j.recognition_key = ? AND j.stage = 'done' ORDER BY j.updated_at DESC LIMIT 1`,
    )
    .get(hash, key) as Reusable | undefined;
  return r;
}

/** An unfinished job (not failed or canceled) for the same content and options: resume it, do not add another. */
export function findUnfinished(db: Db, hash: string, key: string): string | undefined {
  const r = db.prepare("SELECT id FROM jobs WHERE content_hash = ? AND recognition_key = ? AND stage NOT IN ('done','failed','canceled') ORDER BY created_at LIMIT 1").get(hash, key) as { id: string } | undefined;
  return r?.id;
}

/**
 * A failed job of the same content and options whose task may still exist or bill (it failed
 * while polling, fetching, or with its submit unresolved): running the command again retries it
 * (polling, looking) rather than adding a job that would be billed a second time.
 */
export function findRetryable(db: Db, hash: string, key: string, taskLevelErrors: ReadonlySet<string>): string | undefined {
  const rows = db
    .prepare("SELECT id, error_code AS code, failed_stage AS stage, task_id AS task, submit_intent_at AS intent FROM jobs WHERE content_hash = ? AND recognition_key = ? AND stage = 'failed' ORDER BY created_at DESC")
    .all(hash, key) as { id: string; code: string | null; stage: string | null; task: string | null; intent: number | null }[];
  return rows.find((r) => r.code !== QUICK_ANSWER_LOST && (r.intent !== null || (r.task !== null && (r.stage === 'transcribing' || r.stage === 'fetching') && !taskLevelErrors.has(r.code ?? ''))))?.id;
}

/** The code of a quick job cut off mid-call (stages/quick.ts): it may have been billed; only the user retries it. */
export const QUICK_ANSWER_LOST = 'QUICK_ANSWER_LOST';

/**
 * A quick job of the same content and options that was cut off mid-call: running the command again
 * shows it (with how to retry) instead of calling again by itself or adding a job that would.
 */
export function findLostQuick(db: Db, hash: string, key: string): string | undefined {
  const r = db.prepare("SELECT id FROM jobs WHERE content_hash = ? AND recognition_key = ? AND stage = 'failed' AND error_code = ? ORDER BY created_at DESC LIMIT 1").get(hash, key, QUICK_ANSWER_LOST) as { id: string } | undefined;
  return r?.id;
}

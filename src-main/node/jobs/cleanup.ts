import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { JobRow } from '../db/repos/jobs';
import type { RunnerDeps } from './context';

/** Revokes the job's signed URLs and deletes its extracted audio once the job has ended. */
export async function cleanupJob(d: RunnerDeps, row: JobRow, keepAudio = false, keepUrl = false): Promise<void> {
  // A task that still exists at the service may yet download its audio: its URL stays valid.
  if (!keepUrl) d.hosted.revokeForJob(row.id);
  // A failed job keeps its audio so a retry can skip extraction.
  if (!keepAudio && row.audio_path) {
    await rm(row.audio_path, { force: true });
    d.jobs.update(row.id, { audio_path: null });
  }
}

/**
 * After a crash: ends ffmpeg children the dead process left running (before their files are
 * removed, or they would write on), deletes half-written audio (`.part`), and deletes extracted
 * audio that no unfinished or failed job needs any more (a job finished just before the crash).
 */
export async function sweepAfterCrash(d: RunnerDeps): Promise<{ killed: number; removed: number }> {
  const killed = d.children.reapOrphans();
  const keep = new Set(d.jobs.list().filter((r) => r.audio_path && r.stage !== 'done' && r.stage !== 'canceled').map((r) => r.audio_path as string));
  for (const r of d.jobs.list()) if (r.audio_path && (r.stage === 'done' || r.stage === 'canceled')) d.jobs.update(r.id, { audio_path: null });
  const names = await readdir(d.audioDir).catch(() => [] as string[]);
  const stale = names.map((n) => join(d.audioDir, n)).filter((p) => p.endsWith('.part') || !keep.has(p));
  await Promise.all(stale.map((p) => rm(p, { force: true, recursive: true })));
  return { killed, removed: stale.length };
}

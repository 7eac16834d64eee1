import type { JobOptions, JobView } from '../../shared/jobs';
import type { Db } from '../db/connection';
import type { TranscriptsRepo } from '../db/repos/transcripts';
import { TASK_LEVEL_ERRORS } from '../../core/jobs';
import { contentHash, findFinished, findLostQuick, findRetryable, findUnfinished, recognitionKey } from './reuse';
import type { JobRunner } from './runner';

/** A finished transcript of the same content and options, offered instead of a new (billed) job. */
export interface ExistingTranscript {
  path: string;
  title: string;
  transcriptId: string;
  finishedAt: number;
}

/**
 * Adds jobs for files the app received, unless the library already has their work: a file whose
 * content and recognition options match a finished transcript is offered back (open it, or ask
 * again with `retranscribe`), one already in progress returns that job, and a failed one whose task
 * may still exist is retried. Nothing is billed twice.
 */
export async function addJobs(
  d: { db: Db; runner: JobRunner; transcripts: TranscriptsRepo },
  files: readonly string[],
  options: JobOptions,
  retranscribe: boolean,
): Promise<{ jobs: JobView[]; existing: ExistingTranscript[] }> {
  const key = recognitionKey(options);
  const jobs: JobView[] = [];
  const existing: ExistingTranscript[] = [];
  for (const path of files) {
    // An unreadable file gets its job anyway, so that it fails with its reason in the queue.
    const hash = await contentHash(d.db, path).catch(() => undefined);
    const done = hash && !retranscribe ? findFinished(d.db, hash, key) : undefined;
    const meta = done ? d.transcripts.meta(done.transcriptId) : undefined;
    if (done && meta) {
      existing.push({ path, title: meta.title, transcriptId: done.transcriptId, finishedAt: done.finishedAt });
      continue;
    }
    const lost = hash && !findUnfinished(d.db, hash, key) ? findLostQuick(d.db, hash, key) : undefined;
    const lostView = lost ? d.runner.get(lost) : undefined;
    if (lostView) {
      // Cut off mid-call and maybe billed: shown with its Retry, never called again by itself.
      if (!jobs.some((j) => j.id === lostView.id)) jobs.push(lostView);
      continue;
    }
    const failed = hash ? findRetryable(d.db, hash, key, TASK_LEVEL_ERRORS) : undefined;
    if (failed && !findUnfinished(d.db, hash as string, key)) {
      // Its task may still exist (and bill): retry it (poll or look) instead of a new job.
      jobs.push(d.runner.retry(failed));
      continue;
    }
    const running = hash ? findUnfinished(d.db, hash, key) : undefined;
    const view = running ? d.runner.get(running) : undefined;
    if (view && !jobs.some((j) => j.id === view.id)) jobs.push(view);
    else if (!view) jobs.push(d.runner.add(path, options, hash ? { contentHash: hash, recognitionKey: key } : {}));
  }
  return { jobs, existing };
}

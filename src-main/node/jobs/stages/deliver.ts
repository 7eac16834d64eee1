import { chooseDelivery } from '../../../core/jobs';
import type { JobParams } from '../../../shared/job-codes';
import type { JobOptions } from '../../../shared/jobs';
import { CodedError } from '../../../shared/result';
import type { JobRow } from '../../db/repos/jobs';
import type { StageContext } from '../context';

/** Signed-URL delivery without an address the service can reach (core/jobs.ts chooseDelivery); `LINK`: a link that must go through Captioner. */
export const deliveryUnreachable = (message: string, params?: JobParams): CodedError => new CodedError('DELIVERY_UNREACHABLE', message, params);

/**
 * Makes the audio reachable for one submit attempt. A signed URL is per attempt: the previous
 * attempt's file id is revoked first, so a superseded attempt can never download (or bill).
 */
export async function deliver(c: StageContext, row: JobRow, opts: JobOptions): Promise<void> {
  if (!row.audio_path) throw new CodedError('AUDIO_MISSING', 'The extracted audio is missing; retry the job to extract it again.');
  if (opts.quick) {
    c.commit(row.id, { stage: 'transcribing', task_status: 'RUNNING', progress: c.progress(row, 'transcribing', 0) });
    return;
  }
  const mode = chooseDelivery(opts.delivery, c.d.delivery().serviceIsLoopback, c.d.delivery().hasPublicBaseUrl);
  if ('error' in mode) throw deliveryUnreachable(mode.error);
  if (mode.mode === 'signed-url') {
    const hosting = await c.d.hosting();
    if (row.hosted_file_id) c.d.hosted.revoke(row.hosted_file_id);
    const id = c.d.hosted.register(row.audio_path, row.audio_mime ?? 'application/octet-stream', row.id);
    const fileUrl = hosting.urlFor(id, c.d.urlTtlSeconds);
    c.commit(row.id, { hosted_file_id: id, file_url: fileUrl, stage: 'submitted', progress: c.progress(row, 'submitted', 0) });
  } else {
    const ext = row.audio_path.split('.').pop() ?? 'ogg';
    // A unique key per attempt, so the echoed file URL of a listed task tells whose it is.
    const up = await c.d.client().uploadFile(opts.model, row.audio_path, `${row.id}-${row.submit_attempts + 1}.${ext}`);
    c.commit(row.id, { hosted_file_id: null, file_url: up.url, stage: 'submitted', progress: c.progress(row, 'submitted', 0) });
  }
}

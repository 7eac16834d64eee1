import { join } from 'node:path';
import { MIME_BY_EXT, checkForService, pickAudioStream, planExtraction, type AudioChoice, type MediaInfo } from '../../../core/media';
import { chooseDelivery } from '../../../core/jobs';
import { deliveryUnreachable } from './deliver';
import { estimateCost } from '../../../core/pricing';
import { FLASH_MAX_MS } from '../../../shared/flash';
import { jobWarning, type JobWarning } from '../../../shared/job-codes';
import type { JobOptions } from '../../../shared/jobs';
import { CodedError, codedError } from '../../../shared/result';
import type { JobRow } from '../../db/repos/jobs';
import { extractAudio } from '../../media/extract';
import { probeMedia } from '../../media/inspect';
import type { StageContext } from '../context';
import { isHttpUrl, mediaSource, probeUrl } from './url';

/** Quick mode asked for a file longer than 5 minutes: it goes the standard way, and the job says so. */
export const quickTooLong = (durationMs: number): JobWarning => jobWarning('QUICK_TOO_LONG_STANDARD', { minutes: (durationMs / 60000).toFixed(1), limitMinutes: FLASH_MAX_MS / 60000 });

/** The audio stream the user asked for (by position or language), as probe and extract both need it. */
export function audioChoice(o: JobOptions): AudioChoice {
  const c: AudioChoice = {};
  if (o.audioIndex !== undefined) c.audioIndex = o.audioIndex;
  if (o.audioLanguage) c.language = o.audioLanguage;
  return c;
}

export function mediaInfo(c: StageContext, row: JobRow): MediaInfo {
  const m = row.media_id ? c.d.media.get(row.media_id) : undefined;
  if (!m) throw new CodedError('MEDIA_MISSING', `The probe record of ${row.input_path} is missing; retry the job.`);
  return m.info;
}

export const mediaDuration = (c: StageContext, row: JobRow): number => (row.media_id ? (c.d.media.get(row.media_id)?.info.durationMs ?? 0) : 0);

/** Reads the file, checks it against the service's limits and records the estimate. */
export async function probe(c: StageContext, row: JobRow, jobOpts: JobOptions, signal?: AbortSignal): Promise<void> {
  if (isHttpUrl(row.input_path)) return probeUrl(c, row, jobOpts, signal); // issue 14: stages/url.ts
  let opts = jobOpts;
  const release = await c.probeGate.acquire(signal);
  const info = await probeMedia(row.input_path, c.d.tools()).finally(release);
  const stream = pickAudioStream(info, audioChoice(opts));
  if (!stream.ok) throw codedError(stream.error);
  const extraWarnings: JobWarning[] = [];
  if (opts.quick && info.durationMs > FLASH_MAX_MS) {
    // Quick mode is for clips up to 5 min; a longer file keeps the async path instead of failing.
    opts = { ...opts, quick: false };
    extraWarnings.push(quickTooLong(info.durationMs));
  }
  const delivery = opts.quick ? { mode: 'inline' } : chooseDelivery(opts.delivery, c.d.delivery().serviceIsLoopback, c.d.delivery().hasPublicBaseUrl);
  if ('error' in delivery) throw deliveryUnreachable(delivery.error);
  const check = checkForService(info, { diarize: opts.diarize });
  if (!check.ok) throw codedError(check.error);
  const channels = opts.channels === 'keep' ? (stream.value.channels ?? 1) : 1;
  const estimate = estimateCost(info.durationMs, c.d.region(), channels);
  const mediaId = c.d.media.insert(info, opts.title);
  c.commit(row.id, {
    media_id: mediaId,
    stage: 'extracting',
    progress: c.progress(row, 'extracting', 0),
    estimate_json: JSON.stringify(estimate),
    warnings_json: JSON.stringify([...check.value.warnings, ...extraWarnings]),
    ...(extraWarnings.length ? { options_json: JSON.stringify(opts) } : {}),
  });
}

/** Extracts the audio the service will get; the ffmpeg child is registered so a crash cannot orphan it. */
export async function extract(c: StageContext, row: JobRow, opts: JobOptions, signal: AbortSignal): Promise<void> {
  const info = mediaInfo(c, row);
  const stream = pickAudioStream(info, audioChoice(opts));
  if (!stream.ok) throw codedError(stream.error);
  // Quick mode sends the audio inline, so it is always small 16 kHz mono Opus (§8.3).
  const plan = planExtraction(info, stream.value, opts.quick ? { preferCopy: false } : { keepChannels: opts.channels === 'keep' });
  const release = await c.extractGate.acquire(signal);
  try {
    const output = join(c.d.audioDir, `${row.id}.${plan.ext}`);
    let lastSave = 0;
    await extractAudio({
      input: await mediaSource(c, row), output, plan, durationMs: info.durationMs, tools: c.d.tools(), signal,
      onSpawn: (pid, marker) => c.d.children.add(pid, marker, row.id),
      onExit: (pid, marker) => c.d.children.remove(pid, marker),
      onProgress: (p) => {
        const progress = c.progress(row, 'extracting', p.percent);
        const t = c.d.now();
        const extra = p.etaSeconds !== undefined ? { eta_seconds: p.etaSeconds } : {};
        if (t - lastSave > 2000) {
          lastSave = t;
          c.commit(row.id, { progress, ...extra });
        } else c.emit({ ...(c.d.jobs.get(row.id) as JobRow), progress, ...extra });
      },
    });
    const channelIds = plan.keepChannels ? [...Array(plan.channels).keys()] : null;
    c.commit(row.id, {
      stage: 'delivering', progress: c.progress(row, 'delivering', 0), eta_seconds: null, audio_path: output, audio_mime: MIME_BY_EXT[plan.ext] ?? 'application/octet-stream',
      audio_offset_ms: plan.offsetMs, channels_json: channelIds ? JSON.stringify(channelIds) : null,
    });
  } finally {
    release();
  }
}

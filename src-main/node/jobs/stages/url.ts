import { checkForService, pickAudioStream, type MediaInfo } from '../../../core/media';
import { chooseDelivery, overallProgress } from '../../../core/jobs';
import { estimateCost } from '../../../core/pricing';
import { directReason, directVerdict, isHttpUrl, redactUrl, urlTitle } from '../../../core/url';
import { FLASH_MAX_MS } from '../../../shared/flash';
import { jobWarning, type JobParams } from '../../../shared/job-codes';
import type { JobOptions } from '../../../shared/jobs';
import { CodedError, toAppError, type AppError } from '../../../shared/result';
import { ServiceError } from '../../dashscope/errors';
import type { JobRow } from '../../db/repos/jobs';
import { preflightUrl, probeUrlMedia, type UrlProbeOptions } from '../../media/url-probe';
import { resolvePage } from '../../media/ytdlp';
import type { StageContext } from '../context';
import { deliveryUnreachable } from './deliver';
import { audioChoice, quickTooLong } from './prepare';

export { isHttpUrl };

const probeOpts = (c: StageContext): UrlProbeOptions => ({ timeoutMs: c.d.urlTimeoutMs ?? 15_000 });

/**
 * Where ffmpeg reads a URL job's media: the URL itself, or for a web page the media link yt-dlp
 * finds now (such links expire, so they are never stored).
 */
export async function mediaSource(c: StageContext, row: JobRow): Promise<string> {
  if (!isHttpUrl(row.input_path)) return row.input_path;
  const info = row.media_id ? c.d.media.get(row.media_id)?.info : undefined;
  if (!info?.page) return row.input_path;
  return (await resolvePage(row.input_path, c.d.ytDlp())).mediaUrl;
}

/**
 * Probes a URL job (issue 14): a ranged preflight names why a link cannot be read (not found, not
 * public, redirect loop, TLS, timeout), ffprobe reads duration, streams and container over HTTP, and
 * the service's limits are checked before anything is submitted. Audio the service can take as it is
 * goes to it as the link itself (nothing is downloaded here, nothing hosted); otherwise the audio is
 * extracted from the link and delivered like a local file's, and the job says why.
 */
export async function probeUrl(c: StageContext, row: JobRow, jobOpts: JobOptions, signal?: AbortSignal): Promise<void> {
  let opts = jobOpts;
  const url = row.input_path;
  let info: MediaInfo;
  let title = opts.title;
  const release = await c.linkGate.acquire(signal);
  try {
    const pre = await preflightUrl(url, probeOpts(c));
    if (pre.page) {
      const page = await resolvePage(url, c.d.ytDlp());
      info = { ...(await probeUrlMedia(page.mediaUrl, c.d.tools(), { ...probeOpts(c), reportAs: url })), path: url, page: true };
      if (!info.durationMs && page.durationMs) info.durationMs = page.durationMs;
      title ??= page.title;
    } else {
      info = await probeUrlMedia(url, c.d.tools(), probeOpts(c));
      if (!info.sizeBytes) info.sizeBytes = pre.sizeBytes;
    }
  } catch (e) {
    const err = toAppError(e);
    // Only a link that could not be checked may be insisted on; a page without yt-dlp cannot be sent at all.
    if (!opts.force || !err.code.startsWith('URL_') || err.code === 'URL_INVALID' || err.code === 'URL_PAGE_UNREADABLE') throw e;
    return submitUnchecked(c, row, opts, err);
  } finally {
    release();
  }
  title ??= urlTitle(url);
  const stream = pickAudioStream(info, audioChoice(opts));
  // The link's query (a signature, perhaps) is hidden wherever the link is named.
  const hidden = (detail?: JobParams): JobParams | undefined => (detail?.file === url ? { ...detail, file: redactUrl(url) } : detail);
  if (!stream.ok) throw new CodedError(stream.error.code, stream.error.message.replace(url, redactUrl(url)), hidden(stream.error.detail));
  const check = checkForService(info, { diarize: opts.diarize });
  if (!check.ok) throw new CodedError(check.error.code, check.error.message.replace(url, redactUrl(url)), hidden(check.error.detail));
  const warnings = check.value.warnings.map((w) => ({ ...w, ...(w.params ? { params: hidden(w.params) } : {}) }));
  if (opts.quick && info.durationMs > FLASH_MAX_MS) {
    opts = { ...opts, quick: false };
    warnings.push(quickTooLong(info.durationMs));
  }
  const channels = opts.channels === 'keep' ? (stream.value.channels ?? 1) : 1;
  const estimate = estimateCost(info.durationMs, c.d.region(), channels);
  const verdict = directVerdict(info, stream.value, { ...(opts.viaCaptioner ? { viaCaptioner: true } : {}), ...(info.page ? { page: true } : {}), quick: opts.quick, channels: opts.channels });
  const mediaId = c.d.media.insert(info, title);
  const optionsJson = JSON.stringify({ ...opts, title });
  if (verdict.direct) {
    // The service reads the link itself: no extraction, no hosting, nothing on this machine.
    const channelIds = opts.channels === 'keep' && channels > 1 ? JSON.stringify([...Array(channels).keys()]) : null;
    c.d.log?.(`job ${row.id}: ${redactUrl(url)} goes to the service as it is (${info.container}, one audio stream)`);
    c.commit(row.id, {
      media_id: mediaId, stage: 'submitted', progress: overallProgress('submitted', 0), estimate_json: JSON.stringify(estimate), warnings_json: JSON.stringify(warnings),
      options_json: optionsJson, file_url: url, hosted_file_id: null, audio_path: null, audio_offset_ms: 0, channels_json: channelIds,
    });
    return;
  }
  if (!opts.quick) {
    const delivery = chooseDelivery(opts.delivery, c.d.delivery().serviceIsLoopback, c.d.delivery().hasPublicBaseUrl);
    if ('error' in delivery) throw deliveryUnreachable(`${redactUrl(url)} must be delivered through Captioner because ${directReason(verdict.code, verdict.params)}, but ${delivery.error}`, { reason: 'LINK', url: redactUrl(url), why: verdict.code });
  }
  warnings.push(jobWarning('URL_EXTRACTED', { reason: verdict.code, ...verdict.params }));
  c.commit(row.id, {
    media_id: mediaId, stage: 'extracting', progress: overallProgress('extracting', 0), estimate_json: JSON.stringify(estimate), warnings_json: JSON.stringify(warnings), options_json: optionsJson,
  });
}

/** The person insisted: the link goes to the service unchecked (no estimate, limits unchecked); the warning keeps why the check failed. */
function submitUnchecked(c: StageContext, row: JobRow, opts: JobOptions, why: AppError): void {
  const url = row.input_path;
  const title = opts.title ?? urlTitle(url);
  const info: MediaInfo = { path: url, container: 'unknown', durationMs: 0, sizeBytes: 0, startMs: 0, streams: [] };
  const mediaId = c.d.media.insert(info, title);
  c.commit(row.id, {
    media_id: mediaId, stage: 'submitted', progress: overallProgress('submitted', 0), options_json: JSON.stringify({ ...opts, title }), file_url: url, hosted_file_id: null, audio_path: null,
    warnings_json: JSON.stringify([jobWarning('SUBMITTED_UNCHECKED', { check: why.code, url: redactUrl(url), ...(why.detail?.detail !== undefined ? { detail: why.detail.detail } : {}) })]),
  });
}

/** A job whose link itself went to the service (not extracted, not hosted). */
export const isDirectUrlJob = (row: JobRow): boolean => isHttpUrl(row.input_path) && row.hosted_file_id === null && row.audio_path === null && row.file_url === row.input_path;

/**
 * InvalidFile.DownloadFailed on a job whose link went to the service: the service (not Captioner)
 * could not fetch it. A failed download is not billed; delivering through Captioner reads the link
 * from this machine, which may succeed where the service's region cannot.
 */
export function directUrlDownloadFailed(row: JobRow, message: string): ServiceError {
  return new ServiceError(
    'URL_DOWNLOAD_FAILED',
    `The service could not fetch ${redactUrl(row.input_path)} (InvalidFile.DownloadFailed: ${message}; not billed). The link may not be public, its signature may have expired, or the site may block the service's region. Retry with delivery through Captioner (the "Deliver through Captioner" button, or: captioner jobs retry ${row.id} --via-captioner), which reads the link from this machine and hosts the audio itself.`,
    false,
    undefined,
    'InvalidFile.DownloadFailed',
    undefined,
    { url: redactUrl(row.input_path), job: row.id.slice(0, 8), serviceMessage: message },
  );
}

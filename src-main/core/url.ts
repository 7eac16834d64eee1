import type { DirectRefusal, JobParams, UrlFailure } from '../shared/job-codes';
import type { MediaInfo, StreamInfo } from './media';

/**
 * Public URLs as job inputs (issue 14). Pure rules: what counts as a URL, which URLs are web pages
 * (read through yt-dlp), and whether a probed URL can go to the service as it is (Fun-ASR's own way
 * of taking files, funasr-api.md §2.1 `file_urls`) or must be extracted and delivered by Captioner.
 */

export const isHttpUrl = (input: string): boolean => /^https?:\/\/[^\s/]+/i.test(input.trim());

/** A readable title from a URL: its last path segment, decoded, without the query (which may be a signature). */
export function urlTitle(url: string): string {
  try {
    const u = new URL(url);
    const last = u.pathname.split('/').filter(Boolean).pop();
    // A page link such as youtube.com/watch?v=ID names its video in the query.
    const name = last === 'watch' && u.searchParams.get('v') ? (u.searchParams.get('v') as string) : last ? decodeURIComponent(last) : '';
    return name || u.hostname;
  } catch {
    return url;
  }
}

/** The URL with its query and fragment hidden, for logs and messages (a signature is a secret of sorts). */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}${u.search ? '?…' : ''}`;
  } catch {
    return url;
  }
}

/** Sites whose links are pages around a player, not media files: read through yt-dlp. */
const PAGE_HOSTS = [
  'youtube.com', 'youtu.be', 'bilibili.com', 'b23.tv', 'vimeo.com', 'dailymotion.com', 'twitch.tv', 'ixigua.com', 'douyin.com',
  'tiktok.com', 'youku.com', 'v.qq.com', 'x.com', 'twitter.com', 'facebook.com', 'instagram.com', 'soundcloud.com', 'ted.com',
];

export function isKnownPageHost(url: string): boolean {
  try {
    const host = new URL(url).hostname.toLowerCase();
    return PAGE_HOSTS.some((h) => host === h || host.endsWith(`.${h}`));
  } catch {
    return false;
  }
}

/** A response that is a web page (HTML), not media. */
export const isPageContentType = (contentType: string | null | undefined): boolean => /^(text\/html|application\/xhtml\+xml)\b/i.test(contentType ?? '');

/**
 * ffprobe's format names (its demuxers) of the containers the service lists: aac amr avi flac flv
 * m4a mkv mov mp3 mp4 mpeg ogg opus wav webm wma wmv (funasr-api.md §5.4).
 */
const SERVICE_DEMUXERS = new Set(['aac', 'amr', 'avi', 'flac', 'flv', 'mov', 'mp4', 'm4a', 'matroska', 'webm', 'mp3', 'mpeg', 'ogg', 'wav', 'asf']);

export const MAX_DIRECT_BYTES = 2 * 1024 ** 3;

export type DirectVerdict = { direct: true } | { direct: false; code: DirectRefusal; params?: JobParams };

/**
 * Whether the service can take the URL as it is: the chosen audio is the only audio stream (the
 * service cannot be told which stream to use), the container is one it lists, the audio starts with
 * the container (an offset would shift every caption and the service cannot be told), and the file is
 * under its 2 GB limit. Otherwise Captioner extracts from the URL and delivers, and says why (a code
 * and its params: the app words it, `directReason` gives the CLI's English).
 */
export function directVerdict(info: MediaInfo, stream: StreamInfo, o: { viaCaptioner?: boolean; page?: boolean; quick?: boolean; channels?: 'downmix' | 'keep' }): DirectVerdict {
  if (o.viaCaptioner) return { direct: false, code: 'ASKED' };
  if (o.page) return { direct: false, code: 'PAGE' };
  if (o.quick) return { direct: false, code: 'QUICK' };
  const audio = info.streams.filter((s) => s.type === 'audio');
  if (audio.length > 1) return { direct: false, code: 'STREAMS', params: { streams: audio.length, stream: audio.indexOf(stream) } };
  const demuxers = info.container.split(',');
  if (!demuxers.some((d) => SERVICE_DEMUXERS.has(d))) return { direct: false, code: 'CONTAINER', params: { container: info.container } };
  const offset = stream.startMs - info.startMs;
  if (offset > 0) return { direct: false, code: 'OFFSET', params: { seconds: (offset / 1000).toFixed(2) } };
  if (info.sizeBytes > MAX_DIRECT_BYTES * 0.98) return { direct: false, code: 'SIZE' };
  if (o.channels !== 'keep' && (stream.channels ?? 1) > 2) return { direct: false, code: 'CHANNEL', params: { channels: stream.channels ?? 0 } };
  return { direct: true };
}

/** Why a link is extracted and delivered by Captioner, in English (the CLI and messages; the app words the code). */
export function directReason(code: DirectRefusal, p: JobParams = {}): string {
  switch (code) {
    case 'ASKED': return 'you asked for delivery through Captioner';
    case 'PAGE': return 'it is a web page read through yt-dlp, whose media links expire and are tied to this machine';
    case 'QUICK': return 'quick mode sends the audio inline as 16 kHz Opus';
    case 'STREAMS': return `it has ${p.streams} audio streams and the service would take the first; Captioner sends stream ${p.stream} only`;
    case 'CONTAINER': return `its container (${p.container}) is not one the service lists`;
    case 'OFFSET': return `its audio starts ${p.seconds} s into the video, an offset the service would not apply to the caption times`;
    case 'SIZE': return 'it is larger than the service\'s 2 GB limit';
    case 'CHANNEL': return `it has ${p.channels} channels and the service would hear only the first; Captioner downmixes them`;
  }
}

export type { UrlFailure };

export function httpStatusFailure(status: number): UrlFailure | undefined {
  if (status === 404 || status === 410) return 'URL_NOT_FOUND';
  if (status === 401 || status === 403) return 'URL_FORBIDDEN';
  if (status >= 400) return 'URL_HTTP_ERROR';
  return undefined;
}

/** Node's (undici's) network error codes, read from an error's cause chain. */
export function networkFailure(code: string | undefined, message: string): UrlFailure {
  const c = code ?? '';
  if (/CERT|SSL|TLS|ERR_SSL|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_VERIFY|HOSTNAME_MISMATCH|EPROTO/i.test(c) || /certificate|ssl|tls|wrong version number/i.test(message)) return 'URL_TLS';
  if (/TIMEOUT|ETIMEDOUT|AbortError/i.test(c) || /timed? ?out|aborted due to timeout/i.test(message)) return 'URL_TIMEOUT';
  return 'URL_UNREACHABLE';
}

/** ffprobe's stderr over HTTP, in our terms (used when the preflight passed yet ffprobe failed). */
export function ffprobeFailure(output: string): UrlFailure {
  // Only ffprobe's own complaints: its banner lists build flags such as --enable-gnutls.
  const stderr = output.split('\n').filter((l) => !/^\s*(ffprobe version|built with|configuration:|lib\w+\s)/.test(l)).join('\n');
  if (/Server returned 404|HTTP error 404|404 Not Found/i.test(stderr)) return 'URL_NOT_FOUND';
  if (/Server returned 40[13]|HTTP error 40[13]/i.test(stderr)) return 'URL_FORBIDDEN';
  if (/Connection timed out|timeout/i.test(stderr)) return 'URL_TIMEOUT';
  if (/redirect/i.test(stderr)) return 'URL_REDIRECT_LOOP';
  if (/tls|ssl|certificate/i.test(stderr)) return 'URL_TLS';
  return 'URL_NOT_MEDIA';
}

/** What to tell the person, per failure: what happened and what to do. */
export function urlFailureMessage(code: UrlFailure, url: string, detail: string): string {
  const u = redactUrl(url);
  const d = detail ? ` (${detail})` : '';
  const insist = ' If you know the service can read it, add it again with --force (the "Add even if it cannot be checked" box in the app).';
  switch (code) {
    case 'URL_NOT_FOUND':
      return `${u} was not found${d}: the link is wrong, or the file was moved or deleted. Check it in a browser.`;
    case 'URL_FORBIDDEN':
      return `${u} is not public${d}: the server refuses to give it without a login, or its signature has expired. Make it public or get a fresh link.${insist}`;
    case 'URL_HTTP_ERROR':
      return `${u} answered with an error${d}. Try again later, or check the link in a browser.${insist}`;
    case 'URL_REDIRECT_LOOP':
      return `${u} redirects in a loop (or too many times)${d}; neither Captioner nor the service can reach the file. Use the file's final address.`;
    case 'URL_TLS':
      return `${u} has no valid secure (TLS) connection${d}: its certificate is invalid, expired or self-signed, so the service would refuse it too.${insist}`;
    case 'URL_TIMEOUT':
      return `${u} did not answer in time${d}. The server is slow or unreachable from here; try again later.${insist}`;
    case 'URL_UNREACHABLE':
      return `${u} cannot be reached${d}: check the address and your connection.${insist}`;
    case 'URL_NOT_MEDIA':
      return `${u} is not a media file ffmpeg can read${d}. Give the link of the video or audio file itself.${insist}`;
    case 'URL_INVALID':
      return `${url} is not a valid http(s) address${d}.`;
  }
}

/** A file name from a URL's title: no path separators, reserved or control characters. */
export const urlFileName = (url: string): string =>
  [...urlTitle(url)].map((ch) => (ch.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(ch) ? '_' : ch)).join('').slice(0, 120) || 'link';

/** The lines of a `--urls` file: blank lines and # comments skipped; anything else must be an http(s) URL. */
export function parseUrlList(text: string): { urls: string[]; errors: { line: number; text: string }[] } {
  const urls: string[] = [];
  const errors: { line: number; text: string }[] = [];
  text.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    if (isHttpUrl(line)) urls.push(line);
    else errors.push({ line: i + 1, text: line });
  });
  return { urls, errors };
}

import ffmpeg from 'fluent-ffmpeg';
import { interpretProbe, type MediaInfo } from '../../core/media';
import { ffprobeFailure, httpStatusFailure, isKnownPageHost, isPageContentType, networkFailure, redactUrl, urlFailureMessage, type UrlFailure } from '../../core/url';
import { CodedError } from '../../shared/result';
import type { ToolPaths } from './locate';

export interface UrlProbeOptions {
  /** Per request and per ffprobe read; a server slower than this is refused with URL_TIMEOUT. */
  timeoutMs?: number;
  maxRedirects?: number;
}

export interface Preflight {
  finalUrl: string;
  status: number;
  contentType: string | null;
  sizeBytes: number;
  acceptsRanges: boolean;
  /** A web page (HTML) or a known video site: read through yt-dlp. */
  page: boolean;
}

/** The params say which link (its query hidden) and the technical detail (HTTP status, network code…), for the app to word it. */
const fail = (code: UrlFailure, url: string, detail: string): CodedError => new CodedError(code, urlFailureMessage(code, url, detail), { url: redactUrl(url), ...(detail ? { detail } : {}) });

function causeOf(e: unknown): { code: string | undefined; message: string } {
  let cur: unknown = e;
  let message = e instanceof Error ? e.message : String(e);
  for (let i = 0; i < 5 && cur; i++) {
    const c = cur as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown };
    if (typeof c.code === 'string') return { code: c.code, message: String(c.message ?? message) };
    if (c.name === 'TimeoutError' || c.name === 'AbortError') return { code: 'TIMEOUT', message: String(c.message ?? message) };
    if (typeof c.message === 'string') message = c.message;
    cur = c.cause;
  }
  return { code: undefined, message };
}

/**
 * One ranged GET (bytes=0-0, so nothing is downloaded) following redirects by hand: each hop is
 * checked, a loop is named as such, and the status says why a URL is refused before ffprobe runs.
 */
export async function preflightUrl(url: string, o: UrlProbeOptions = {}): Promise<Preflight> {
  const timeoutMs = o.timeoutMs ?? 15_000;
  const max = o.maxRedirects ?? 8;
  const seen = new Set<string>();
  let current = url;
  try {
    new URL(url);
  } catch {
    throw fail('URL_INVALID', url, '');
  }
  for (let hop = 0; ; hop++) {
    if (seen.has(current) || hop > max) throw fail('URL_REDIRECT_LOOP', url, seen.has(current) ? `it comes back to ${new URL(current).pathname}` : `more than ${max} redirects`);
    seen.add(current);
    let res: Response;
    try {
      res = await fetch(current, { method: 'GET', redirect: 'manual', headers: { Range: 'bytes=0-0', 'User-Agent': 'Captioner' }, signal: AbortSignal.timeout(timeoutMs) });
    } catch (e) {
      const c = causeOf(e);
      const code = networkFailure(c.code, c.message);
      throw fail(code, url, code === 'URL_TIMEOUT' ? `no answer within ${Math.round(timeoutMs / 1000)} s` : c.code ?? c.message);
    }
    await res.body?.cancel().catch(() => undefined);
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      current = new URL(location, current).toString();
      continue;
    }
    const bad = httpStatusFailure(res.status);
    if (bad) throw fail(bad, url, `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`);
    const contentType = res.headers.get('content-type');
    const range = /\/(\d+)$/.exec(res.headers.get('content-range') ?? '');
    const sizeBytes = range ? Number(range[1]) : Number(res.headers.get('content-length') ?? 0);
    return { finalUrl: current, status: res.status, contentType, sizeBytes, acceptsRanges: res.status === 206, page: isPageContentType(contentType) || isKnownPageHost(url) };
  }
}

/** ffprobe over HTTP (it seeks with range requests), with a read timeout; nothing is saved locally. */
export async function probeUrlMedia(url: string, tools: ToolPaths, o: UrlProbeOptions & { reportAs?: string } = {}): Promise<MediaInfo> {
  const timeoutUs = String((o.timeoutMs ?? 15_000) * 1000);
  const shown = o.reportAs ?? url;
  const raw = await new Promise<unknown>((resolve, reject) => {
    ffmpeg(url)
      .setFfprobePath(tools.ffprobe)
      .ffprobe(['-rw_timeout', timeoutUs, '-max_redirects', String(o.maxRedirects ?? 8)], (e: Error | null, data: unknown) => (e ? reject(e) : resolve(data)));
  }).catch((e: Error) => {
    const code = ffprobeFailure(e.message);
    const detail = e.message.split('\n').filter((l) => /Invalid data|could not find|moov atom|End of file|error|Server returned/i.test(l)).slice(0, 1).join(' ').replace(url, '').trim();
    throw fail(code, shown, detail.slice(0, 160));
  });
  const info = interpretProbe(raw, shown);
  if (!info.ok) throw fail('URL_NOT_MEDIA', shown, info.error.message);
  return info.value;
}

import { execFile } from 'node:child_process';
import { delimiter } from 'node:path';
import { z } from 'zod';
import { redactUrl } from '../../core/url';
import { CodedError } from '../../shared/result';
import { extraToolDirs, isExecutable, onPath } from './locate';

export const YTDLP_HINT =
  'Captioner reads web pages (YouTube, Bilibili and other sites) through yt-dlp, which it never bundles or downloads. Install it ("pip install yt-dlp", "brew install yt-dlp", "winget install yt-dlp", or your package manager), or point the ytDlpPath setting or CAPTIONER_YTDLP at it. Or give the link of the media file itself.';

/** Like ffmpeg (locate.ts): explicit setting, then CAPTIONER_YTDLP, then PATH and the package managers' folders. */
export function locateYtDlp(o: { setting?: string | undefined; env?: NodeJS.ProcessEnv; extraDirs?: string[] } = {}): string {
  const env = o.env ?? process.env;
  const chosen = o.setting ?? env.CAPTIONER_YTDLP;
  if (chosen) {
    if (!isExecutable(chosen)) throw new CodedError('YTDLP_MISSING', `yt-dlp was configured as "${chosen}" (${o.setting ? 'settings' : 'CAPTIONER_YTDLP'}) but that is not an executable file. ${YTDLP_HINT}`, { reason: 'NOT_EXECUTABLE', path: chosen, source: o.setting ? 'settings' : 'CAPTIONER_YTDLP' });
    return chosen;
  }
  const found = onPath('yt-dlp', env.PATH ?? env.Path) ?? onPath('yt-dlp', (o.extraDirs ?? extraToolDirs()).join(delimiter));
  if (!found) throw new CodedError('YTDLP_MISSING', `yt-dlp was not found. ${YTDLP_HINT}`);
  return found;
}

const infoSchema = z.looseObject({
  title: z.string().optional(),
  duration: z.number().optional(),
  url: z.string().optional(),
  requested_formats: z.array(z.looseObject({ url: z.string(), acodec: z.string().optional() })).optional(),
});

export interface PageMedia {
  /** A direct media link for this machine; it expires, so it is looked up again whenever needed. */
  mediaUrl: string;
  title?: string;
  durationMs?: number;
}

const run = (bin: string, args: string[], timeoutMs: number): Promise<string> =>
  new Promise((resolve, reject) => {
    execFile(bin, args, { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, windowsHide: true }, (e, stdout, stderr) => {
      if (e) reject(new Error(String(stderr || e.message).trim().split('\n').filter((l) => /error/i.test(l)).slice(-1)[0] ?? String(e.message).split('\n')[0]));
      else resolve(String(stdout));
    });
  });

/** The page's best audio (or audio+video) link and its title, through `yt-dlp -j` (and `--get-url` when -j names no single link). */
export async function resolvePage(pageUrl: string, bin: string, timeoutMs = 60_000): Promise<PageMedia> {
  const base = ['--no-playlist', '--no-warnings', '-f', 'bestaudio/best'];
  let json: unknown;
  try {
    json = JSON.parse(await run(bin, [...base, '-j', pageUrl], timeoutMs));
  } catch (e) {
    throw new CodedError('URL_PAGE_UNREADABLE', `yt-dlp could not read ${redactUrl(pageUrl)}: ${(e as Error).message}. Check the link in a browser, or update yt-dlp (sites change often).`, { url: redactUrl(pageUrl), detail: (e as Error).message.slice(0, 300) });
  }
  const info = infoSchema.safeParse(json);
  if (!info.success) throw new CodedError('URL_PAGE_UNREADABLE', `yt-dlp's description of ${redactUrl(pageUrl)} could not be understood; update yt-dlp.`, { url: redactUrl(pageUrl), reason: 'UNDERSTOOD' });
  let mediaUrl = info.data.url ?? info.data.requested_formats?.find((f) => f.acodec !== 'none')?.url;
  if (!mediaUrl) {
    const lines = (await run(bin, [...base, '--get-url', pageUrl], timeoutMs).catch(() => '')).split('\n').map((l) => l.trim()).filter(Boolean);
    mediaUrl = lines[lines.length - 1];
  }
  if (!mediaUrl || !/^https?:\/\//i.test(mediaUrl)) throw new CodedError('URL_PAGE_UNREADABLE', `yt-dlp found no media on ${redactUrl(pageUrl)}.`, { url: redactUrl(pageUrl), reason: 'NO_MEDIA' });
  const out: PageMedia = { mediaUrl };
  if (info.data.title) out.title = info.data.title;
  if (info.data.duration) out.durationMs = Math.round(info.data.duration * 1000);
  return out;
}

import { extname } from 'node:path';
import { isHttpUrl } from '../../core/url';
import type { Db } from '../db/connection';
import { resolvePage } from './ytdlp';

/** The extension of a path or of a link's path (a link's query, often a signature, is not part of it). */
export function sourceExt(source: string): string {
  if (!isHttpUrl(source)) return extname(source).toLowerCase();
  try {
    return extname(new URL(source).pathname).toLowerCase();
  } catch {
    return '';
  }
}

/** Whether a transcript's media is a web page read through yt-dlp (recorded when its job probed it). */
export function isPageSource(db: Db, mediaId: string | null): boolean {
  if (!mediaId) return false;
  const row = db.prepare('SELECT info_json FROM media WHERE id = ?').get(mediaId) as { info_json: string } | undefined;
  return row ? (JSON.parse(row.info_json) as { page?: boolean }).page === true : false;
}

/** Where ffmpeg or the player reads a source: the path or link itself, or a page's media link found now. */
export async function readableSource(source: string, page: boolean, ytDlp: () => string): Promise<string> {
  return page ? (await resolvePage(source, ytDlp())).mediaUrl : source;
}

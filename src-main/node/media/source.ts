import { stat } from 'node:fs/promises';
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

/** What a link transcript's media record adds: a web page read through yt-dlp, a local copy the person pointed to. */
export function linkExtras(db: Db, mediaId: string | null): { page: boolean; localCopy?: string } {
  if (!mediaId) return { page: false };
  const row = db.prepare('SELECT info_json FROM media WHERE id = ?').get(mediaId) as { info_json: string } | undefined;
  const info = row ? (JSON.parse(row.info_json) as { page?: boolean; localCopy?: string }) : {};
  return { page: info.page === true, ...(info.localCopy ? { localCopy: info.localCopy } : {}) };
}

export const isPageSource = (db: Db, mediaId: string | null): boolean => linkExtras(db, mediaId).page;

/** Points a link transcript at a local copy of its media (null: play the link again). The link stays its source. */
export function setLocalCopy(db: Db, mediaId: string, path: string | null): void {
  if (path === null) db.prepare("UPDATE media SET info_json = json_remove(info_json, '$.localCopy') WHERE id = ?").run(mediaId);
  else db.prepare("UPDATE media SET info_json = json_set(info_json, '$.localCopy', ?) WHERE id = ?").run(path, mediaId);
}

/**
 * Where ffmpeg or the player reads a source: a local copy the person pointed to (while it exists),
 * the path or link itself, or a page's media link found now.
 */
export async function readableSource(source: string, page: boolean, ytDlp: () => string, localCopy?: string): Promise<string> {
  if (localCopy && (await stat(localCopy).catch(() => null))?.isFile()) return localCopy;
  return page ? (await resolvePage(source, ytDlp())).mediaUrl : source;
}

import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** Extensions Fun-ASR accepts (funasr-api.md §5.4) plus common video containers ffmpeg reads. */
export const MEDIA_EXT = /\.(aac|amr|avi|flac|flv|m4a|mkv|mov|mp3|mp4|mpeg|mpg|ogg|opus|wav|webm|wma|wmv|m4v|ts|mts)$/i;

/**
 * Folders become the media files inside them (sorted, one level: a dropped folder of talks, not
 * a whole disk); files are passed through as given so that a bad one is refused with its reason.
 */
export async function expandInputs(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    const abs = resolve(p);
    const st = await stat(abs).catch(() => null);
    if (st?.isDirectory()) {
      const names = (await readdir(abs)).filter((n) => MEDIA_EXT.test(n) && !n.startsWith('.')).sort((a, b) => a.localeCompare(b));
      for (const n of names) out.push(join(abs, n)); // a folder can hold more names than a spread allows
    } else out.push(abs);
  }
  return out;
}

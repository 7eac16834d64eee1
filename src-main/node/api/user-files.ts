import { realpathSync } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, sep } from 'node:path';
import { CodedError } from '../../shared/result';
import { MEDIA_EXT } from '../media/inputs';

export const SUBTITLE_EXT = /\.(srt|vtt|json)$/i;

const inside = (dir: string, p: string): boolean => {
  const r = relative(dir, p);
  return r === '' || (!r.startsWith(`..${sep}`) && r !== '..' && !isAbsolute(r));
};

const real = (p: string): string => {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
};

/**
 * The renderer is untrusted: a path it sends is accepted only for a media or subtitle file a
 * person could have chosen. It must be absolute, a regular file (after symlinks), have a known
 * extension and lie outside the library folder (library.db and its WAL hold the API key and
 * the signing secret), except the upload folder of `captioner serve`.
 */
export async function checkUserFile(path: string, kind: 'media' | 'subtitle', o: { home: string; uploadsDir?: string | undefined }): Promise<string> {
  if (!isAbsolute(path)) throw new CodedError('PATH_NOT_ABSOLUTE', `${path} is not an absolute path.`, { file: path });
  const resolved = await realpath(path).catch((e: NodeJS.ErrnoException) => {
    throw new CodedError(e.code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE', `${path} ${e.code === 'ENOENT' ? 'does not exist' : `cannot be read (${e.code ?? 'error'})`}.`, { file: path });
  });
  const home = real(o.home);
  const uploads = o.uploadsDir ? real(o.uploadsDir) : undefined;
  if (inside(home, resolved) && !(uploads && inside(uploads, resolved) && resolved !== uploads)) {
    throw new CodedError('PATH_IN_LIBRARY', `${path} is inside Captioner's library folder; its files cannot be imported or transcribed.`, { file: path });
  }
  const ext = kind === 'media' ? MEDIA_EXT : SUBTITLE_EXT;
  if (!ext.test(resolved)) {
    throw new CodedError(kind === 'media' ? 'NOT_MEDIA' : 'NOT_SUBTITLE', kind === 'media' ? `${path} is not a video or audio file Captioner reads.` : `${path} is not an SRT, WebVTT or Captioner JSON file.`, { file: path });
  }
  const st = await stat(resolved);
  if (!st.isFile()) throw new CodedError('NOT_A_FILE', `${path} is not a regular file.`, { file: path });
  return resolved;
}

import { realpathSync } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, sep } from 'node:path';
import { IMPORT_EXTENSIONS } from '../../shared/formats/read';
import { CodedError } from '../../shared/result';
import { fileAccessError } from '../files/access-error';
import { MEDIA_EXT } from '../media/inputs';

/** Every caption format the importer reads (formats/read.ts), and Captioner's JSON. */
const SUBTITLE_EXT = new RegExp(`\\.(${[...IMPORT_EXTENSIONS, 'json'].join('|')})$`, 'i');

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
  const resolved = await realpath(path).catch((e: unknown) => {
    throw fileAccessError(e, path);
  });
  const home = real(o.home);
  const uploads = o.uploadsDir ? real(o.uploadsDir) : undefined;
  if (inside(home, resolved) && !(uploads && inside(uploads, resolved) && resolved !== uploads)) {
    throw new CodedError('PATH_IN_LIBRARY', `${path} is inside Captioner's library folder; its files cannot be imported or transcribed.`, { file: path });
  }
  const ext = kind === 'media' ? MEDIA_EXT : SUBTITLE_EXT;
  if (!ext.test(resolved)) {
    throw new CodedError(kind === 'media' ? 'NOT_MEDIA' : 'NOT_SUBTITLE', kind === 'media' ? `${path} is not a video or audio file Captioner reads.` : `${path} is not a caption file Captioner reads (${IMPORT_EXTENSIONS.join(', ')} or Captioner JSON).`, { file: path });
  }
  const st = await stat(resolved).catch((e: unknown) => {
    throw fileAccessError(e, path);
  });
  if (!st.isFile()) throw new CodedError('NOT_A_FILE', `${path} is not a regular file.`, { file: path, ...(st.isDirectory() ? { reason: 'FOLDER' } : {}) });
  return resolved;
}

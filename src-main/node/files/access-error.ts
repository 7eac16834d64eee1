import { CodedError } from '../../shared/result';

/**
 * Why a file the person chose cannot be opened, from the OS error: gone (FILE_NOT_FOUND), not
 * allowed (FILE_UNREADABLE, reason PERMISSION) or unreadable for another reason (the OS code as
 * the detail). One mapping for every path the API, the importer and the jobs read.
 */
export function fileAccessError(e: unknown, path: string): CodedError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new CodedError('FILE_NOT_FOUND', `${path} does not exist (moved, renamed or deleted?).`, { file: path });
  if (code === 'EACCES' || code === 'EPERM') return new CodedError('FILE_UNREADABLE', `${path} cannot be read: permission denied.`, { file: path, reason: 'PERMISSION' });
  const why = code ?? (e instanceof Error ? e.message : String(e));
  return new CodedError('FILE_UNREADABLE', `${path} cannot be read (${why}).`, { file: path, detail: why });
}

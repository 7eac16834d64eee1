import { stat } from 'node:fs/promises';
import ffmpeg from 'fluent-ffmpeg';
import { interpretProbe, type MediaInfo } from '../../core/media';
import { CodedError } from '../../shared/result';
import { fileAccessError } from '../files/access-error';
import type { ToolPaths } from './locate';

/** Refuses what is not a readable regular file, with the reason and what to do. */
export async function checkInputFile(path: string): Promise<{ sizeBytes: number; mtimeMs: number }> {
  try {
    const st = await stat(path);
    if (st.isDirectory()) throw new CodedError('NOT_A_FILE', `${path} is a folder. Give the media files inside it instead (or drop the folder in the app, which adds its media files).`, { file: path, reason: 'FOLDER' });
    if (!st.isFile()) throw new CodedError('NOT_A_FILE', `${path} is not a regular file (a device, pipe or socket). Save the media to a file first.`, { file: path });
    if (st.size === 0) throw new CodedError('EMPTY_FILE', `${path} is empty (0 bytes).`, { file: path });
    return { sizeBytes: st.size, mtimeMs: st.mtimeMs };
  } catch (e) {
    throw e instanceof CodedError ? e : fileAccessError(e, path);
  }
}

/** Runs ffprobe through fluent-ffmpeg and interprets its output. */
export async function probeMedia(path: string, tools: ToolPaths): Promise<MediaInfo> {
  const { sizeBytes } = await checkInputFile(path);
  const raw = await new Promise<unknown>((resolve, reject) => {
    ffmpeg(path)
      .setFfprobePath(tools.ffprobe)
      .ffprobe((e: Error | null, data: unknown) => (e ? reject(e) : resolve(data)));
  }).catch((e: Error) => {
    const detail = e.message.split('\n').filter((l) => /Invalid data|could not find|moov atom|End of file|error/i.test(l)).slice(0, 2).join(' ').trim();
    throw new CodedError('UNREADABLE_MEDIA', `${path} is not a media file ffmpeg can read, or it is corrupt${detail ? ` (${detail})` : ''}. Check that it plays, or re-export it.`, { file: path, ...(detail ? { detail } : {}) });
  });
  const info = interpretProbe(raw, path);
  if (!info.ok) throw new CodedError(info.error.code, info.error.message, { ...info.error.detail, file: path });
  if (!info.value.sizeBytes) info.value.sizeBytes = sizeBytes;
  return info.value;
}

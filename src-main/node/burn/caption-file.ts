import { extname } from 'node:path';
import type { Track } from '../../shared/captions/model';
import { parseJsonTrack } from '../../shared/formats/plain';
import { readSubtitle } from '../../shared/formats/read';
import { CodedError } from '../../shared/result';
import { MAX_SUBTITLE_BYTES, readRegularFile } from '../files/read-file';
import { looksBinary, noCues } from '../importer';

/** A caption file given to `captioner burn` directly (any format Captioner imports, or its JSON). */
export async function readCaptionFile(path: string): Promise<Track> {
  const bytes = await readRegularFile(path, MAX_SUBTITLE_BYTES);
  if (looksBinary(bytes)) throw new CodedError('NOT_TEXT', `${path} is not a caption file (it holds binary data). Give a caption file (SRT, WebVTT, ASS…) or a transcript id.`, { file: path });
  const ext = extname(path).toLowerCase();
  if (ext === '.json') {
    const r = parseJsonTrack(new TextDecoder().decode(bytes));
    if (!r.ok) throw new CodedError('IMPORT_FAILED', `${path}: ${r.message}`, { file: path, reason: 'JSON' });
    return r.track;
  }
  const r = readSubtitle(ext, new Uint8Array(bytes));
  if (!r.cues.length) throw noCues(path, r.issues);
  return { cues: r.cues, speakers: r.speakers };
}

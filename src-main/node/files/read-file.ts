import { constants, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import { CodedError } from '../../shared/result';
import { fileAccessError } from './access-error';

/** The largest subtitle file Captioner reads: ~1M cues of SRT; real files are a few MB. */
export const MAX_SUBTITLE_BYTES = 64 * 1024 * 1024;

const KIND: [string, (s: Stats) => boolean][] = [
  ['a folder', (s) => s.isDirectory()], ['a named pipe (FIFO)', (s) => s.isFIFO()], ['a socket', (s) => s.isSocket()],
  ['a device', (s) => s.isCharacterDevice() || s.isBlockDevice()],
];

/**
 * Reads a whole file the user chose, but only a regular file and only up to `maxBytes`. The file
 * is opened non-blocking (a FIFO opens at once instead of waiting for a writer) and checked with
 * fstat on the open handle, so what is checked is what is read.
 */
export async function readRegularFile(path: string, maxBytes: number): Promise<Buffer> {
  const fh = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)).catch((e: unknown) => {
    throw fileAccessError(e, path);
  });
  try {
    const st = await fh.stat();
    if (!st.isFile()) {
      const what = KIND.find(([, is]) => is(st))?.[0] ?? 'not a regular file';
      throw new CodedError('NOT_A_FILE', `${path} is ${what}, not a file; choose a subtitle file.`, { file: path, ...(st.isDirectory() ? { reason: 'FOLDER' } : {}) });
    }
    if (st.size > maxBytes) {
      const mb = (st.size / 2 ** 20).toFixed(0);
      throw new CodedError('FILE_TOO_LARGE', `${path} is ${mb} MB; files over ${maxBytes / 2 ** 20} MB are not read.`, { file: path, size: st.size, limit: maxBytes, mb, limitMb: maxBytes / 2 ** 20 });
    }
    // Read at most the size fstat reported (+1 to notice a file still growing), never until EOF.
    const buf = Buffer.allocUnsafe(st.size + 1);
    let n = 0;
    while (n < buf.length) {
      const { bytesRead } = await fh.read(buf, n, buf.length - n, n);
      if (!bytesRead) break;
      n += bytesRead;
    }
    if (n > st.size) throw new CodedError('FILE_CHANGED', `${path} changed while it was read; try again when it is complete.`, { file: path });
    return buf.subarray(0, n);
  } finally {
    await fh.close();
  }
}

import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CodedError } from '../../shared/result';

/**
 * Analyses of a media file (waveform, spectrogram) cached on disk by the file's identity (path,
 * size, time; a link by itself), computed once per file at a time however many ask for it.
 */
const inFlight = new Map<string, Promise<unknown>>();

export async function cachedAnalysis<T>(o: {
  path: string;
  /** What else decides the result (the analysis, its version, its resolution). */
  variant: string;
  cacheDir: string;
  ext: string;
  /** Said when the file is gone: what needs it. */
  what: string;
  decode: (bytes: Buffer) => T;
  encode: (value: T) => Uint8Array | string;
  compute: () => Promise<T>;
}): Promise<T> {
  const remote = /^https?:\/\//i.test(o.path);
  const st = remote ? null : await stat(o.path).catch(() => null);
  if (!remote && !st?.isFile()) throw new CodedError('FILE_NOT_FOUND', `${o.path} is no longer there; ${o.what} needs the original media.`, { file: o.path });
  const key = createHash('sha1').update(st ? `${o.path}\n${st.size}\n${st.mtimeMs}\n${o.variant}` : `${o.path}\n${o.variant}`).digest('hex');
  const cached = join(o.cacheDir, `${key}.${o.ext}`);
  const hit = await readFile(cached).catch(() => null);
  if (hit) return o.decode(hit);
  const running = inFlight.get(cached);
  if (running) return running as Promise<T>;
  const job = (async () => {
    const value = await o.compute();
    await mkdir(o.cacheDir, { recursive: true });
    // Written aside and renamed, so a reader never sees half a cache file.
    const tmp = `${cached}.${process.pid}.tmp`;
    await writeFile(tmp, o.encode(value));
    await rename(tmp, cached);
    return value;
  })().finally(() => inFlight.delete(cached));
  inFlight.set(cached, job);
  return job;
}

import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ffmpeg from 'fluent-ffmpeg';
import { CodedError } from '../../shared/result';
import type { ToolPaths } from './locate';

export interface Peaks {
  perSecond: number;
  durationMs: number;
  /** Interleaved min/max pairs, int8. */
  data: Int8Array;
}

/** Enough detail to draw, small enough for 12 h: at most ~400k pairs (800 KB). */
export const peaksRate = (durationMs: number): number => Math.max(5, Math.min(100, Math.floor(400_000 / Math.max(1, durationMs / 1000))));

/**
 * Waveform peaks decoded once by ffmpeg (8 kHz mono) and cached on disk by file identity, so a
 * 12 h file opens fast the second time and never blocks the editor the first time.
 */
/** One computation per file at a time: the background warm-up and the editor share it. */
const inFlight = new Map<string, Promise<Peaks>>();

/** `readFrom`: where ffmpeg reads a web page's media (a link looked up only on a cache miss, issue 14). */
export async function waveformPeaks(path: string, durationMs: number, tools: ToolPaths, cacheDir: string, readFrom?: () => Promise<string>): Promise<Peaks> {
  // A link (issue 14) is read once over HTTP and cached by the link itself; a file by path, size and time.
  const remote = /^https?:\/\//i.test(path);
  const st = remote ? null : await stat(path).catch(() => null);
  if (!remote && !st?.isFile()) throw new CodedError('FILE_NOT_FOUND', `${path} is no longer there; the waveform needs the original media.`);
  const perSecond = peaksRate(durationMs);
  const key = createHash('sha1').update(st ? `${path}\n${st.size}\n${st.mtimeMs}\n${perSecond}` : `${path}\n${perSecond}`).digest('hex');
  const cached = join(cacheDir, `${key}.peaks`);
  const hit = await readFile(cached).catch(() => null);
  if (hit) return { perSecond, durationMs, data: new Int8Array(hit.buffer, hit.byteOffset, hit.length) };
  const running = inFlight.get(key);
  if (running) return running;
  const job = (readFrom ? readFrom() : Promise.resolve(path)).then((input) => computePeaks(input, durationMs, perSecond, tools, cacheDir, cached)).finally(() => inFlight.delete(key));
  inFlight.set(key, job);
  return job;
}

async function computePeaks(path: string, durationMs: number, perSecond: number, tools: ToolPaths, cacheDir: string, cached: string): Promise<Peaks> {
  const window = Math.round(8000 / perSecond);
  const pairs: number[] = [];
  let min = 0;
  let max = 0;
  let count = 0;
  let carry: Buffer | null = null;
  await new Promise<void>((resolve, reject) => {
    const stream = ffmpeg(path)
      .setFfmpegPath(tools.ffmpeg)
      .inputOptions(['-nostdin', ...(/^https?:\/\//i.test(path) ? ['-rw_timeout', '30000000'] : [])])
      .outputOptions(['-map', '0:a:0', '-vn', '-ac', '1', '-ar', '8000', '-f', 's16le', '-acodec', 'pcm_s16le'])
      .on('error', (e: Error) => reject(new CodedError('WAVEFORM_FAILED', `Could not draw the waveform of ${path}: ${e.message.split('\n')[0]}`)))
      .pipe();
    stream.on('data', (chunk: Buffer) => {
      const buf: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
      const usable = buf.length - (buf.length % 2);
      for (let i = 0; i < usable; i += 2) {
        const v = buf.readInt16LE(i);
        if (v < min) min = v;
        if (v > max) max = v;
        if (++count === window) {
          pairs.push(min >> 8, max >> 8);
          min = 0;
          max = 0;
          count = 0;
        }
      }
      carry = usable < buf.length ? buf.subarray(usable) : null;
    });
    stream.on('end', () => resolve());
    stream.on('error', (e: Error) => reject(e));
  });
  if (count) pairs.push(min >> 8, max >> 8);
  const data = Int8Array.from(pairs);
  await mkdir(cacheDir, { recursive: true });
  // Written aside and renamed, so a reader never sees half a cache file.
  const tmp = `${cached}.${process.pid}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, cached);
  return { perSecond, durationMs, data };
}

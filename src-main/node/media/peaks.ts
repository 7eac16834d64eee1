import ffmpeg from 'fluent-ffmpeg';
import { CodedError } from '../../shared/result';
import { cachedAnalysis } from './file-cache';
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
 * 12 h file opens fast the second time and never blocks the editor the first time; the background
 * warm-up and the editor share one computation. `readFrom`: where ffmpeg reads a web page's media
 * (a link looked up only on a cache miss, issue 14); a link is cached by the link itself.
 */
export function waveformPeaks(path: string, durationMs: number, tools: ToolPaths, cacheDir: string, readFrom?: () => Promise<string>): Promise<Peaks> {
  const perSecond = peaksRate(durationMs);
  return cachedAnalysis({
    path,
    variant: String(perSecond),
    cacheDir,
    ext: 'peaks',
    what: 'the waveform',
    decode: (hit) => ({ perSecond, durationMs, data: new Int8Array(hit.buffer, hit.byteOffset, hit.length) }),
    encode: (p) => new Uint8Array(p.data.buffer, p.data.byteOffset, p.data.byteLength),
    compute: async () => computePeaks(readFrom ? await readFrom() : path, durationMs, perSecond, tools),
  });
}

/**
 * Min/max of every `window` samples of unsigned 8-bit PCM, as int8 pairs. 8-bit is exactly the
 * precision kept (the top byte of a 16-bit sample), so ffmpeg sends half the bytes of s16 and each
 * sample is one typed-array read. Fed chunk by chunk; `finish` adds the last, partial window.
 */
export class PeakAccumulator {
  private out: Int8Array;
  private used = 0;
  private min = 255;
  private max = 0;
  private count = 0;

  constructor(private readonly window: number, expectedPairs = 1024) {
    this.out = new Int8Array(Math.max(2, expectedPairs * 2));
  }

  push(chunk: Uint8Array): void {
    const w = this.window;
    let { min, max, count } = this;
    for (let i = 0, n = chunk.length; i < n; ) {
      // One window (or the rest of the chunk) per pass: a plain loop over the typed array.
      const end = Math.min(n, i + (w - count));
      count += end - i;
      for (; i < end; i++) {
        const v = chunk[i] as number;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      if (count === w) {
        this.emit(min, max);
        min = 255;
        max = 0;
        count = 0;
      }
    }
    this.min = min;
    this.max = max;
    this.count = count;
  }

  private emit(min: number, max: number): void {
    if (this.used + 2 > this.out.length) {
      const grown = new Int8Array(this.out.length * 2);
      grown.set(this.out);
      this.out = grown;
    }
    // Silence-including windows keep 0 inside [min, max], as the 16-bit version did.
    this.out[this.used++] = Math.min(0, min - 128);
    this.out[this.used++] = Math.max(0, max - 128);
  }

  finish(): Int8Array {
    if (this.count) this.emit(this.min, this.max);
    this.count = 0;
    return this.out.slice(0, this.used);
  }
}

async function computePeaks(path: string, durationMs: number, perSecond: number, tools: ToolPaths): Promise<Peaks> {
  const window = Math.round(8000 / perSecond);
  const acc = new PeakAccumulator(window, Math.ceil((durationMs / 1000) * perSecond) + 1);
  await new Promise<void>((resolve, reject) => {
    const stream = ffmpeg(path)
      .setFfmpegPath(tools.ffmpeg)
      .inputOptions(['-nostdin', ...(/^https?:\/\//i.test(path) ? ['-rw_timeout', '30000000'] : [])])
      .outputOptions(['-map', '0:a:0', '-vn', '-ac', '1', '-ar', '8000', '-f', 'u8', '-acodec', 'pcm_u8'])
      .on('error', (e: Error) => reject(new CodedError('WAVEFORM_FAILED', `Could not draw the waveform of ${path}: ${e.message.split('\n')[0]}`, { file: path })))
      .pipe();
    stream.on('data', (chunk: Buffer) => acc.push(chunk));
    stream.on('end', () => resolve());
    stream.on('error', (e: Error) => reject(e));
  });
  return { perSecond, durationMs, data: acc.finish() };
}

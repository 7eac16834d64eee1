import ffmpeg from 'fluent-ffmpeg';
import { CodedError } from '../../shared/result';
import { cachedAnalysis } from './file-cache';
import type { ToolPaths } from './locate';
import { SPECTRO_BANDS, SPECTRO_SAMPLE_RATE, SpectrogramAccumulator, spectroRate } from './spectrogram-math';

export interface Spectrogram {
  perSecond: number;
  bands: number;
  /** Column-major bytes: `bands` values (low to high frequency) per column, 0 quiet to 255 loud. */
  data: Uint8Array;
}

const VERSION = 1;

/**
 * The editor's optional spectrogram: one ffmpeg decode (16 kHz mono s16) streamed through an FFT
 * in typed arrays, never holding the PCM, and cached on disk by file identity like the peaks.
 * `readFrom`: where ffmpeg reads a web page's media (looked up only on a cache miss).
 */
export function spectrogram(path: string, durationMs: number, tools: ToolPaths, cacheDir: string, readFrom?: () => Promise<string>): Promise<Spectrogram> {
  const perSecond = spectroRate(durationMs);
  return cachedAnalysis({
    path,
    variant: `spectrogram ${VERSION} ${perSecond} ${SPECTRO_BANDS}`,
    cacheDir,
    ext: 'spec',
    what: 'the spectrogram',
    decode: (b) => ({ perSecond, bands: SPECTRO_BANDS, data: new Uint8Array(b.buffer, b.byteOffset, b.length) }),
    encode: (s) => s.data,
    compute: async () => {
      const input = readFrom ? await readFrom() : path;
      return { perSecond, bands: SPECTRO_BANDS, data: await computeSpectrogram(input, durationMs, perSecond, tools) };
    },
  });
}

function computeSpectrogram(path: string, durationMs: number, perSecond: number, tools: ToolPaths): Promise<Uint8Array> {
  const acc = new SpectrogramAccumulator(perSecond, Math.ceil((durationMs / 1000) * perSecond) + 1);
  return new Promise((resolve, reject) => {
    const stream = ffmpeg(path)
      .setFfmpegPath(tools.ffmpeg)
      .inputOptions(['-nostdin', ...(/^https?:\/\//i.test(path) ? ['-rw_timeout', '30000000'] : [])])
      .outputOptions(['-map', '0:a:0', '-vn', '-ac', '1', '-ar', String(SPECTRO_SAMPLE_RATE), '-f', 's16le', '-acodec', 'pcm_s16le'])
      .on('error', (e: Error) => reject(new CodedError('SPECTROGRAM_FAILED', `Could not compute the spectrogram of ${path}: ${e.message.split('\n')[0]}`, { file: path })))
      .pipe();
    stream.on('data', (chunk: Buffer) => acc.push(chunk));
    stream.on('end', () => resolve(acc.finish()));
    stream.on('error', (e: Error) => reject(e));
  });
}

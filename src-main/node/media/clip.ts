import ffmpeg from 'fluent-ffmpeg';
import { CodedError } from '../../shared/result';

/** The span of the media's first audio stream as 16 kHz mono Opus in memory (≤ 5 min, small). */
export function clipOpus(path: string, startMs: number, endMs: number, ffmpegPath: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    const out = ffmpeg(path)
      .setFfmpegPath(ffmpegPath)
      .inputOptions(['-nostdin', '-ss', (startMs / 1000).toFixed(3)])
      .outputOptions(['-t', ((endMs - startMs) / 1000).toFixed(3), '-map', '0:a:0', '-vn', '-ac', '1', '-ar', '16000', '-c:a', 'libopus', '-b:a', '32k', '-application', 'voip', '-f', 'ogg'])
      .on('error', (e: Error) => reject(new CodedError('EXTRACT_FAILED', `ffmpeg could not cut ${path} at ${startMs}–${endMs} ms: ${e.message.split('\n')[0]}`, { file: path })))
      .pipe();
    out.on('data', (b: Buffer) => parts.push(b));
    out.on('end', () => resolve(Buffer.concat(parts)));
  });
}

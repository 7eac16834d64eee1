import { readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import ffmpeg from 'fluent-ffmpeg';
import type { BurnQuality } from '../../shared/burn/style';
import { CodedError } from '../../shared/result';
import { encoderArgs, type EncoderName } from './encoders';

/**
 * ffmpeg runs with its working folder set to the folder of the ASS script, and names it by a
 * plain relative name (`<hex>.ass`): nothing of the user's paths goes into the filter graph, so
 * no filter escaping (`:` `'` `\` `,` `[`, CJK, spaces) can go wrong on any OS. The video and the
 * output are ordinary arguments.
 */
export interface AssFile {
  dir: string;
  name: string;
}

export interface VideoFacts {
  width: number;
  height: number;
  fps: number;
  durationMs: number;
  /** The first audio stream's codec, when there is audio. */
  audioCodec?: string | undefined;
}

export interface RenderProgress {
  percent: number;
  etaSeconds?: number;
  encoder: EncoderName;
}

export interface RenderRequest {
  ffmpeg: string;
  video: string;
  ass: AssFile;
  facts: VideoFacts;
  /** Final path: written under `temp` (same folder) and renamed only when complete. */
  output: string;
  temp: string;
  container: Container;
  quality: BurnQuality;
  /** Tried in order: a failing hardware encoder falls back to the next, libx264 last. */
  encoders: EncoderName[];
  /** This ffmpeg's way of keeping every frame (`passthroughArgs`). */
  passthrough: string[];
  signal?: AbortSignal;
  onProgress?: (p: RenderProgress) => void;
  onSpawn?: (pid: number, marker: string) => void;
  onExit?: (pid: number, marker: string) => void;
  /** An encoder failed and the next one is tried (for the job's notes). */
  onFallback?: (failed: EncoderName, reason: string) => void;
  now?: () => number;
}

export type Container = 'mp4' | 'mov' | 'matroska';

/** The container of the burned video: the source's where H.264 fits, else MP4 (MKV for WebM and MKV). */
export function containerFor(videoPath: string): { container: Container; ext: string } {
  const ext = /\.([^.\\/]+)$/.exec(videoPath)?.[1]?.toLowerCase() ?? '';
  if (ext === 'mkv' || ext === 'webm') return { container: 'matroska', ext: 'mkv' };
  if (ext === 'mov') return { container: 'mov', ext: 'mov' };
  return { container: 'mp4', ext: 'mp4' };
}

/** Audio codecs MP4/MOV carry as they are; anything else (PCM, WMA, Vorbis…) is encoded to AAC. */
const MP4_AUDIO = new Set(['aac', 'mp3', 'alac', 'ac3', 'eac3', 'opus', 'flac']);
export const audioArgs = (container: Container, codec: string | undefined): string[] =>
  codec === undefined ? ['-an'] : container === 'matroska' || MP4_AUDIO.has(codec) ? ['-c:a', 'copy'] : ['-c:a', 'aac', '-b:a', '192k'];

const timemarkMs = (mark: string | undefined): number => {
  const m = /^(-?\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(mark ?? '');
  return m ? (Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3])) * 1000 : 0;
};

const canceled = (): CodedError => new CodedError('CANCELED', 'The burn-in was canceled; no partial video was kept.');

function runOnce(req: RenderRequest, enc: EncoderName): Promise<void> {
  const now = req.now ?? Date.now;
  const a = encoderArgs(enc, req.quality, req.facts);
  const started = now();
  return new Promise<void>((resolve, reject) => {
    let pid: number | undefined;
    const cmd = ffmpeg({ cwd: req.ass.dir })
      .setFfmpegPath(req.ffmpeg)
      .input(req.video)
      .inputOptions(['-nostdin', ...a.input])
      .outputOptions([
        '-map', '0:v:0', '-map', '0:a?',
        // Every frame as it comes (no frame dropped or duplicated), timestamps kept.
        ...req.passthrough,
        '-vf', `ass=filename=${req.ass.name},${a.filter}`,
        ...a.output,
        ...audioArgs(req.container, req.facts.audioCodec),
        '-sn', '-dn', '-map_metadata', '0', '-max_muxing_queue_size', '4096',
        ...(req.container === 'matroska' ? [] : ['-movflags', '+faststart']),
        '-f', req.container, '-y',
      ])
      .output(req.temp)
      .on('start', () => {
        pid = (cmd as unknown as { ffmpegProc?: { pid?: number } }).ffmpegProc?.pid;
        if (pid) req.onSpawn?.(pid, req.temp);
      })
      .on('progress', (p: { timemark?: string }) => {
        const percent = Math.min(99.9, Math.max(0, (timemarkMs(p.timemark) / Math.max(1, req.facts.durationMs)) * 100));
        const elapsed = (now() - started) / 1000;
        const progress: RenderProgress = { percent, encoder: enc };
        if (percent > 1 && elapsed > 0.5) progress.etaSeconds = Math.round((elapsed * (100 - percent)) / percent);
        req.onProgress?.(progress);
      })
      .on('error', (e: Error, _out: string | null, stderr: string | null) => {
        if (pid) req.onExit?.(pid, req.temp);
        if (req.signal?.aborted) return reject(canceled());
        const tail = (stderr ?? '').trim().split('\n').filter((l) => !/^\s*(frame=|size=|Stream mapping|Press \[q\])/.test(l)).slice(-3).join(' ').slice(0, 500);
        reject(new CodedError('BURN_FAILED', `ffmpeg could not burn the captions into ${req.video} with ${enc}: ${tail || e.message}`, { file: req.video, encoder: enc }));
      })
      .on('end', () => {
        if (pid) req.onExit?.(pid, req.temp);
        resolve();
      });
    if (req.signal?.aborted) return reject(canceled());
    req.signal?.addEventListener('abort', () => cmd.kill('SIGKILL'), { once: true });
    cmd.run();
  });
}

/**
 * Burns the captions in. A hardware encoder that fails (no device, driver too old, a size it
 * does not take) is followed by the next one and finally libx264; the temp file goes on each
 * failure and on cancel, so the final name only ever holds a complete video.
 */
export async function renderBurn(req: RenderRequest): Promise<{ encoder: EncoderName; sizeBytes: number }> {
  if (dirname(req.temp) !== dirname(req.output)) throw new Error('the temp file must be beside the output (rename)');
  let last: unknown;
  for (const enc of req.encoders) {
    if (req.signal?.aborted) throw canceled();
    try {
      await runOnce(req, enc);
      const { size } = await stat(req.temp);
      if (size === 0) throw new CodedError('BURN_FAILED', `ffmpeg produced an empty video for ${req.video}.`, { file: req.video, encoder: enc });
      await rename(req.temp, req.output);
      req.onProgress?.({ percent: 100, etaSeconds: 0, encoder: enc });
      return { encoder: enc, sizeBytes: size };
    } catch (e) {
      await rm(req.temp, { force: true });
      last = e;
      if (e instanceof CodedError && e.code === 'CANCELED') throw e;
      if (enc !== 'libx264') req.onFallback?.(enc, (e as Error).message);
    }
  }
  throw last instanceof Error ? last : new CodedError('BURN_FAILED', `No encoder could burn ${req.video}.`, { file: req.video });
}

/**
 * One frame of the video at `atMs` with the captions drawn exactly as the burn will draw them
 * (same ASS, same filter), scaled to at most `maxWidth`. `-copyts` keeps the frame's own time, so
 * libass shows the cue of that moment.
 */
export async function previewFrame(o: { ffmpeg: string; video: string; ass: AssFile; atMs: number; out: string; format: 'png' | 'jpeg'; maxWidth?: number; signal?: AbortSignal }): Promise<Buffer> {
  const scale = o.maxWidth ? `,scale='min(${o.maxWidth},iw)':-2` : '';
  await new Promise<void>((resolve, reject) => {
    const cmd = ffmpeg({ cwd: o.ass.dir })
      .setFfmpegPath(o.ffmpeg)
      .input(o.video)
      .inputOptions(['-nostdin', '-ss', (o.atMs / 1000).toFixed(3), '-copyts'])
      .outputOptions(['-map', '0:v:0', '-vf', `ass=filename=${o.ass.name}${scale}`, '-frames:v', '1', ...(o.format === 'jpeg' ? ['-c:v', 'mjpeg', '-q:v', '3'] : ['-c:v', 'png']), '-f', 'image2', '-update', '1', '-y'])
      .output(o.out)
      .on('error', (e: Error, _out: string | null, stderr: string | null) => {
        const tail = (stderr ?? '').trim().split('\n').slice(-2).join(' ').slice(0, 400);
        reject(o.signal?.aborted ? new CodedError('CANCELED', 'The preview was canceled.') : new CodedError('PREVIEW_FAILED', `ffmpeg could not render a preview frame of ${o.video}: ${tail || e.message}`, { file: o.video }));
      })
      .on('end', () => resolve());
    if (o.signal?.aborted) return reject(new CodedError('CANCELED', 'The preview was canceled.'));
    o.signal?.addEventListener('abort', () => cmd.kill('SIGKILL'), { once: true });
    cmd.run();
  });
  const bytes = await readFile(o.out).catch(() => Buffer.alloc(0));
  if (!bytes.length) throw new CodedError('PREVIEW_FAILED', `${o.video} has no frame at ${(o.atMs / 1000).toFixed(1)} s (past its end?).`, { file: o.video, reason: 'NO_FRAME', seconds: (o.atMs / 1000).toFixed(1) });
  return bytes;
}

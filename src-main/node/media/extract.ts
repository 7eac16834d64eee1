import { randomBytes } from 'node:crypto';
import { rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import ffmpeg from 'fluent-ffmpeg';
import { MAX_FILE_BYTES, extractOutputOptions, type ExtractPlan } from '../../core/media';
import { CodedError } from '../../shared/result';
import { checkInputFile } from './inspect';
import type { ToolPaths } from './locate';

export interface ExtractProgress {
  percent: number;
  /** Seconds left at the current speed, when it can be estimated. */
  etaSeconds?: number;
}

export interface ExtractRequest {
  input: string;
  /** Final path; written as a hidden temp file beside it, renamed only on success. */
  output: string;
  plan: ExtractPlan;
  durationMs: number;
  tools: ToolPaths;
  signal?: AbortSignal;
  onProgress?: (p: ExtractProgress) => void;
  /** The ffmpeg child started: its pid and a marker unique to its command line (the temp output path). */
  onSpawn?: (pid: number, marker: string) => void;
  /** The ffmpeg child ended (whatever the outcome). */
  onExit?: (pid: number, marker: string) => void;
  now?: () => number;
}

/** A URL input (issue 14): a stalled server fails the read instead of hanging; a dropped connection resumes. */
const REMOTE_INPUT = ['-rw_timeout', '30000000', '-reconnect', '1', '-reconnect_on_network_error', '1', '-reconnect_delay_max', '30'];

const timemarkMs = (mark: string | undefined): number => {
  const m = /^(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(mark ?? '');
  return m ? (Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3])) * 1000 : 0;
};

/** Produces the audio the service will receive; removes any partial file on failure or cancel. */
export async function extractAudio(req: ExtractRequest): Promise<{ path: string; sizeBytes: number }> {
  const now = req.now ?? Date.now;
  const tmp = join(dirname(req.output), `.${randomBytes(6).toString('hex')}.part`);
  if (req.signal?.aborted) throw new CodedError('CANCELED', 'Audio extraction was canceled; no partial file was kept.');
  const remote = /^https?:\/\//i.test(req.input);
  if (!remote) await checkInputFile(req.input); // the file may have vanished since it was probed
  const started = now();
  let child: number | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      const cmd = ffmpeg(req.input)
        .setFfmpegPath(req.tools.ffmpeg)
        .inputOptions(['-nostdin', ...(remote ? REMOTE_INPUT : [])])
        .outputOptions(extractOutputOptions(req.plan))
        .output(tmp)
        .on('stderr', (line: string) => {
          // Progress read from ffmpeg's own status lines: a 'progress' listener would make
          // fluent-ffmpeg run a second ffprobe on the input beside every extraction.
          const mark = / time=(\d+:\d{2}:\d{2}(?:\.\d+)?)/.exec(line)?.[1];
          if (!mark) return;
          const done = timemarkMs(mark);
          const percent = Math.min(99.9, Math.max(0, (done / Math.max(1, req.durationMs)) * 100));
          const elapsed = (now() - started) / 1000;
          const progress: ExtractProgress = { percent };
          if (percent > 1 && elapsed > 0.5) progress.etaSeconds = Math.round((elapsed * (100 - percent)) / percent);
          req.onProgress?.(progress);
        })
        .on('error', (e: Error, _stdout: string | null, stderr: string | null) => {
          if (req.signal?.aborted) reject(new CodedError('CANCELED', 'Audio extraction was canceled; no partial file was kept.'));
          else {
            const tail = (stderr ?? '').trim().split('\n').slice(-3).join(' ').slice(0, 400);
            reject(new CodedError('EXTRACT_FAILED', `ffmpeg could not extract the audio of ${req.input}: ${tail || e.message}`, { file: req.input, detail: tail || e.message }));
          }
        })
        .on('start', () => {
          const pid = (cmd as unknown as { ffmpegProc?: { pid?: number } }).ffmpegProc?.pid;
          if (pid) {
            child = pid;
            req.onSpawn?.(pid, tmp);
          }
        })
        .on('end', () => resolve());
      const abort = (): void => {
        cmd.kill('SIGKILL');
      };
      if (req.signal?.aborted) return reject(new CodedError('CANCELED', 'Audio extraction was canceled; no partial file was kept.'));
      req.signal?.addEventListener('abort', abort, { once: true });
      cmd.run();
    });
    const { size } = await stat(tmp);
    if (size > MAX_FILE_BYTES) {
      const gb = (size / 1024 ** 3).toFixed(2);
      throw new CodedError('EXTRACT_TOO_LARGE', `The extracted audio of ${req.input} is ${gb} GB; the service accepts at most 2 GB.`, { file: req.input, gb, limitGb: MAX_FILE_BYTES / 1024 ** 3 });
    }
    if (size === 0) throw new CodedError('EXTRACT_FAILED', `ffmpeg produced no audio for ${req.input}.`, { file: req.input });
    await rename(tmp, req.output);
    req.onProgress?.({ percent: 100, etaSeconds: 0 });
    return { path: req.output, sizeBytes: size };
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  } finally {
    if (child !== undefined) req.onExit?.(child, tmp);
  }
}

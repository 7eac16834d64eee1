import ffmpeg from 'fluent-ffmpeg';
import { CodedError } from '../../shared/result';
import { cachedAnalysis } from './file-cache';
import type { ToolPaths } from './locate';

/** Where the audio has speech (or any sound above the noise floor), as [start, end] ms pairs. */
export interface SpeechMap {
  durationMs: number;
  speech: [number, number][];
  /** The video's frame rate (frames per second), null for audio-only files. */
  frameRate: number | null;
}

/** Silence is anything quieter than this for at least MIN_SILENCE_S (ffmpeg's silencedetect). */
const NOISE_DB = -35;
const MIN_SILENCE_S = 0.6;
const VERSION = 2;

/** Turns silencedetect's log lines into the sounding stretches between the silences. */
export function speechFromSilences(log: string, durationMs: number): [number, number][] {
  const silences: [number, number][] = [];
  let open: number | null = null;
  for (const m of log.matchAll(/silence_(start|end): (-?[\d.]+)/g)) {
    const t = Math.max(0, Math.round(Number(m[2]) * 1000));
    if (m[1] === 'start') open = t;
    else if (open !== null) {
      silences.push([open, t]);
      open = null;
    }
  }
  if (open !== null) silences.push([open, durationMs]);
  const out: [number, number][] = [];
  let at = 0;
  for (const [s, e] of silences) {
    if (s > at) out.push([at, s]);
    at = Math.max(at, e);
  }
  if (durationMs > at) out.push([at, durationMs]);
  return out.filter(([s, e]) => e - s >= 200);
}

/** "30000/1001" → 29.97; null when not a positive rate. */
export function parseRate(rate: string | undefined): number | null {
  const m = /^(\d+)(?:\/(\d+))?$/.exec(rate ?? '');
  if (!m) return null;
  const v = Number(m[1]) / Number(m[2] ?? 1);
  return Number.isFinite(v) && v > 0 && v < 1000 ? Math.round(v * 1000) / 1000 : null;
}

/** How the speech is found when the caller already has the audio (a job's extracted audio). */
export interface SpeechOptions {
  /** Decode this file instead of the source: the audio the service heard, starting `offsetMs` into the source. */
  audio?: { path: string; offsetMs: number };
  signal?: AbortSignal;
  /** The ffmpeg child started or ended, with a marker from its command line (the child registry). */
  onSpawn?: (pid: number, marker: string) => void;
  onExit?: (pid: number, marker: string) => void;
}

/**
 * Speech stretches and frame rate of a media file, computed once by ffmpeg/ffprobe and cached on
 * disk by the source's identity (like the waveform peaks), for the coverage check of a finished
 * job and the editor's marks and frame step: the job's check decodes its small extracted audio,
 * and the editor later opens the same cache entry without decoding anything.
 */
export function speechMap(path: string, durationMs: number, tools: ToolPaths, cacheDir: string, o: SpeechOptions = {}): Promise<SpeechMap> {
  return cachedAnalysis({
    path,
    variant: `speech ${VERSION}`,
    cacheDir,
    ext: 'json',
    what: 'the coverage check',
    decode: (b) => JSON.parse(b.toString('utf8')) as SpeechMap,
    encode: (m) => JSON.stringify(m),
    compute: async () => {
      const remote = /^https?:\/\//i.test(path);
      const offset = o.audio?.offsetMs ?? 0;
      // One child at a time: a caller holding one slot of the media pool never runs two.
      const speech = await detectSpeech(o.audio?.path ?? path, Math.max(0, durationMs - offset), tools, o);
      const frameRate = remote ? null : await frameRateOf(path, tools);
      return { durationMs, speech: offset ? speech.map(([a, b]): [number, number] => [a + offset, b + offset]) : speech, frameRate };
    },
  });
}

function detectSpeech(path: string, durationMs: number, tools: ToolPaths, o: SpeechOptions): Promise<[number, number][]> {
  let log = '';
  let pid: number | undefined;
  return new Promise<[number, number][]>((resolve, reject) => {
    if (o.signal?.aborted) return reject(new CodedError('CANCELED', 'The coverage check was canceled.'));
    const cmd = ffmpeg(path)
      .setFfmpegPath(tools.ffmpeg)
      .inputOptions(['-nostdin'])
      .outputOptions(['-map', '0:a:0', '-vn', '-ac', '1', '-ar', '16000', '-af', `silencedetect=noise=${NOISE_DB}dB:d=${MIN_SILENCE_S}`, '-f', 'null'])
      .output('-')
      .on('start', () => {
        pid = (cmd as unknown as { ffmpegProc?: { pid?: number } }).ffmpegProc?.pid;
        if (pid) o.onSpawn?.(pid, path);
      })
      .on('stderr', (line: string) => {
        if (line.includes('silence_')) log += `${line}\n`;
      })
      .on('error', (e: Error) => reject(o.signal?.aborted ? new CodedError('CANCELED', 'The coverage check was canceled.') : new CodedError('SPEECH_CHECK_FAILED', `Could not check ${path} for speech: ${e.message.split('\n')[0]}`, { file: path })))
      .on('end', () => resolve(speechFromSilences(log, durationMs)));
    o.signal?.addEventListener('abort', () => cmd.kill('SIGKILL'), { once: true });
    cmd.run();
  }).finally(() => {
    if (pid) o.onExit?.(pid, path);
  });
}

function frameRateOf(path: string, tools: ToolPaths): Promise<number | null> {
  return new Promise((resolve) => {
    ffmpeg(path)
      .setFfprobePath(tools.ffprobe)
      .ffprobe((e: Error | null, data: ffmpeg.FfprobeData | undefined) => {
        const v = e ? undefined : data?.streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
        resolve(v ? (parseRate(v.avg_frame_rate) ?? parseRate(v.r_frame_rate)) : null);
      });
  });
}

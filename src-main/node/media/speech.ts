import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ffmpeg from 'fluent-ffmpeg';
import { CodedError } from '../../shared/result';
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
const VERSION = 1;

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

const inFlight = new Map<string, Promise<SpeechMap>>();

/**
 * Speech stretches and frame rate of a media file, computed once by ffmpeg/ffprobe and cached on
 * disk by file identity (like the waveform peaks), for the editor's coverage check and frame step.
 */
export async function speechMap(path: string, durationMs: number, tools: ToolPaths, cacheDir: string): Promise<SpeechMap> {
  const st = await stat(path).catch(() => null);
  if (!st?.isFile()) throw new CodedError('FILE_NOT_FOUND', `${path} is no longer there; the coverage check needs the original media.`);
  const key = createHash('sha1').update(`${VERSION}\n${path}\n${st.size}\n${st.mtimeMs}`).digest('hex');
  const cached = join(cacheDir, `${key}.json`);
  const hit = await readFile(cached, 'utf8').catch(() => null);
  if (hit) return JSON.parse(hit) as SpeechMap;
  const running = inFlight.get(key);
  if (running) return running;
  const job = (async () => {
    const [speech, frameRate] = await Promise.all([detectSpeech(path, durationMs, tools), frameRateOf(path, tools)]);
    const map: SpeechMap = { durationMs, speech, frameRate };
    await mkdir(cacheDir, { recursive: true });
    const tmp = `${cached}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(map));
    await rename(tmp, cached);
    return map;
  })().finally(() => inFlight.delete(key));
  inFlight.set(key, job);
  return job;
}

function detectSpeech(path: string, durationMs: number, tools: ToolPaths): Promise<[number, number][]> {
  let log = '';
  return new Promise((resolve, reject) => {
    ffmpeg(path)
      .setFfmpegPath(tools.ffmpeg)
      .inputOptions(['-nostdin'])
      .outputOptions(['-map', '0:a:0', '-vn', '-ac', '1', '-ar', '16000', '-af', `silencedetect=noise=${NOISE_DB}dB:d=${MIN_SILENCE_S}`, '-f', 'null'])
      .output('-')
      .on('stderr', (line: string) => {
        if (line.includes('silence_')) log += `${line}\n`;
      })
      .on('error', (e: Error) => reject(new CodedError('SPEECH_CHECK_FAILED', `Could not check ${path} for speech: ${e.message.split('\n')[0]}`)))
      .on('end', () => resolve(speechFromSilences(log, durationMs)))
      .run();
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

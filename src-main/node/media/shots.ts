import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ffmpeg from 'fluent-ffmpeg';
import { CodedError } from '../../shared/result';
import type { ToolPaths } from './locate';

/** A frame differing from the previous one by more than this (0–1) starts a new shot. */
const SCENE_THRESHOLD = 0.3;
const VERSION = 1;

/** Times (ms) of `showinfo` lines: the frames ffmpeg's scene filter let through. */
export function shotsFromLog(log: string): number[] {
  const out: number[] = [];
  for (const m of log.matchAll(/pts_time:\s*(-?[\d.]+)/g)) {
    const t = Math.round(Number(m[1]) * 1000);
    if (t > 0 && (!out.length || t - (out.at(-1) as number) > 200)) out.push(t);
  }
  return out;
}

const inFlight = new Map<string, Promise<number[]>>();

/**
 * Shot changes of a video (ffmpeg scene detection on a small copy of each frame), cached on disk
 * by file identity like the peaks, for marks on the waveform and snapping cue edges to cuts.
 */
export async function shotChanges(path: string, tools: ToolPaths, cacheDir: string): Promise<number[]> {
  const st = await stat(path).catch(() => null);
  if (!st?.isFile()) throw new CodedError('FILE_NOT_FOUND', `${path} is no longer there; shot changes need the original video.`, { file: path });
  const key = createHash('sha1').update(`${VERSION}\n${path}\n${st.size}\n${st.mtimeMs}`).digest('hex');
  const cached = join(cacheDir, `${key}.shots.json`);
  const hit = await readFile(cached, 'utf8').catch(() => null);
  if (hit) return JSON.parse(hit) as number[];
  const running = inFlight.get(key);
  if (running) return running;
  const job = (async () => {
    let log = '';
    await new Promise<void>((resolve, reject) => {
      ffmpeg(path)
        .setFfmpegPath(tools.ffmpeg)
        .inputOptions(['-nostdin'])
        .outputOptions(['-map', '0:v:0', '-an', '-vf', `scale=160:-2,select='gt(scene,${SCENE_THRESHOLD})',showinfo`, '-f', 'null'])
        .output('-')
        .on('stderr', (line: string) => {
          if (line.includes('pts_time:')) log += `${line}\n`;
        })
        .on('error', (e: Error) => reject(new CodedError('SHOTS_FAILED', `Could not find the shot changes of ${path}: ${e.message.split('\n')[0]}`, { file: path })))
        .on('end', () => resolve())
        .run();
    });
    const shots = shotsFromLog(log);
    await mkdir(cacheDir, { recursive: true });
    const tmp = `${cached}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(shots));
    await rename(tmp, cached);
    return shots;
  })().finally(() => inFlight.delete(key));
  inFlight.set(key, job);
  return job;
}

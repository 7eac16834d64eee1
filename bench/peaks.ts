/**
 * `npm run bench -- peaks`: waveform peaks of long audio against ffmpeg decoding the same stream
 * to null (the floor: the decode and resample peaks cannot avoid), and against the previous way
 * (16-bit PCM read sample by sample with readInt16LE), interleaved in the same run. The audio is
 * generated once with ffmpeg's lavfi into bench-output/ (AAC, 44.1 kHz, like a video's sound
 * track; kept there for later runs). The target is stated for 12 h, the default; PEAKS_HOURS
 * sets another length for a quicker look. Prints the peak RSS of this process while Captioner
 * computes the peaks (the decoded audio is never held, only the ~800 KB of peaks).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { locateTools } from '../src-main/node/media/locate';
import { peaksRate, waveformPeaks } from '../src-main/node/media/peaks';

const HOURS = Number(process.env.PEAKS_HOURS ?? 12);
const dir = join(import.meta.dirname, '..', 'bench-output');

function run(cmd: string, args: string[], onData?: (b: Buffer) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: ['ignore', onData ? 'pipe' : 'ignore', 'ignore'] });
    if (onData) p.stdout?.on('data', onData);
    p.on('error', reject);
    p.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} exited ${code}`))));
  });
}

export async function benchPeaks(): Promise<void> {
  const tools = locateTools();
  mkdirSync(dir, { recursive: true });
  const audio = join(dir, `peaks-${HOURS}h.m4a`);
  if (!existsSync(audio)) {
    console.log(`generating ${HOURS} h of audio…`);
    const seconds = String(HOURS * 3600);
    execFileSync(tools.ffmpeg, ['-v', 'error', '-nostdin', '-f', 'lavfi', '-i', `sine=frequency=220:sample_rate=44100:duration=${seconds}`, '-f', 'lavfi', '-i', `anoisesrc=color=pink:sample_rate=44100:amplitude=0.3:duration=${seconds}`,
      '-filter_complex', 'amix=inputs=2,volume=0.8', '-ac', '1', '-c:a', 'aac', '-b:a', '64k', '-y', `${audio}.tmp.m4a`]);
    renameSync(`${audio}.tmp.m4a`, audio);
  }
  const durationMs = HOURS * 3600_000;
  const decodeArgs = ['-v', 'error', '-nostdin', '-i', audio, '-map', '0:a:0', '-vn', '-ac', '1', '-ar', '8000'];
  const window = Math.round(8000 / peaksRate(durationMs));
  const engines: [string, () => Promise<unknown>][] = [
    ['ffmpeg decode to null', () => run(tools.ffmpeg, [...decodeArgs, '-f', 'null', '-'])],
    ['captioner peaks', async () => {
      const cache = mkdtempSync(join(dir, 'peaks-cache-'));
      try {
        return await waveformPeaks(audio, durationMs, tools, cache);
      } finally {
        rmSync(cache, { recursive: true, force: true });
      }
    }],
    ['previous (s16, readInt16LE)', () => {
      let min = 0;
      let max = 0;
      let count = 0;
      const pairs: number[] = [];
      return run(tools.ffmpeg, [...decodeArgs, '-f', 's16le', '-acodec', 'pcm_s16le', '-'], (buf) => {
        for (let i = 0; i + 1 < buf.length; i += 2) {
          const v = buf.readInt16LE(i);
          if (v < min) min = v;
          if (v > max) max = v;
          if (++count === window) {
            pairs.push(min >> 8, max >> 8);
            min = max = count = 0;
          }
        }
      });
    }],
  ];
  const ROUNDS = Number(process.env.PEAKS_ROUNDS ?? 3);
  const times = new Map(engines.map(([n]) => [n, [] as number[]]));
  (globalThis as { gc?: () => void }).gc?.();
  const rssBefore = process.memoryUsage.rss();
  let rssPeak = rssBefore;
  for (let r = 0; r < ROUNDS; r++) {
    for (const [name, fn] of engines) {
      const sampler = name === 'captioner peaks' ? setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage.rss())), 20) : undefined;
      const t = performance.now();
      await fn();
      times.get(name)?.push(performance.now() - t);
      clearInterval(sampler);
    }
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  const floor = median(times.get('ffmpeg decode to null') ?? []);
  console.log(`Waveform peaks of ${HOURS} h of AAC audio, median of ${ROUNDS} interleaved rounds; baseline: ffmpeg decoding the same stream to null\n`);
  for (const [name] of engines) {
    const t = median(times.get(name) ?? []);
    console.log(`${name.padEnd(30)} ${(t / 1000).toFixed(2).padStart(7)} s   ${(t / floor).toFixed(2)}× the decode`);
  }
  const ratio = median(times.get('captioner peaks') ?? []) / floor;
  console.log(`captioner peaks: RSS ${(rssPeak / 2 ** 20).toFixed(0)} MiB at its peak (${(rssBefore / 2 ** 20).toFixed(0)} MiB before; sampled every 20 ms)`);
  console.log(`peaks ${ratio.toFixed(2)}× ffmpeg's decode (target ≤ 1.2×) — ${ratio <= 1.2 ? 'met' : 'NOT met'}`);
}

/**
 * `npm run bench -- batch`: batches of tiny files through the whole pipeline (probe, extract,
 * signed URL, submit, poll, fetch) against the emulator (test/emulator) with the documented rate
 * limit (10 submits/s). Prints the floor the service sets — (N − 1) / 10 s of submits plus one
 * task's queue and processing delay — the wall time, and the peak number of ffmpeg/ffprobe
 * children. BATCH_SIZES picks the sizes (default "100,1000").
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp } from '../src-main/node/app';
import { locateTools } from '../src-main/node/media/locate';
import { jobOptionsSchema } from '../src-main/shared/jobs';
import { startEmulator } from '../test/emulator/server';

const SUBMIT_RPS = 10;
const QUEUE_MS = 1000;
const PROCESSING_MS = 500;

/** Captioner's running (not yet exited) ffmpeg/ffprobe processes. */
function mediaChildren(): number {
  let n = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const [state, ppid] = stat.slice(close + 2).split(' ');
      // A zombie has exited and holds nothing; it only waits for Node to reap it.
      if (Number(ppid) !== process.pid || state === 'Z' || (comm !== 'ffmpeg' && comm !== 'ffprobe')) continue;
      // The emulator runs in this process and decodes what it receives, as the service would: its
      // children (reading its own temp folder) are the service's, not Captioner's.
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('funasr-emulator-')) n++;
    } catch {
      // gone meanwhile
    }
  }
  return n;
}

export async function benchBatch(): Promise<void> {
  const sizes = (process.env.BATCH_SIZES ?? '100,1000').split(',').map(Number);
  const tools = locateTools();
  const work = mkdtempSync(join(tmpdir(), 'bench-batch-'));
  const one = join(work, 'one.m4a');
  execFileSync(tools.ffmpeg, ['-v', 'error', '-nostdin', '-f', 'lavfi', '-i', 'sine=frequency=300:sample_rate=16000:duration=2', '-c:a', 'aac', '-b:a', '32k', '-y', one]);
  const emu = await startEmulator({ queueDelayMs: QUEUE_MS, processingDelayMs: PROCESSING_MS, submitRps: SUBMIT_RPS });
  console.log(`Batches of 2 s files against the emulator (${SUBMIT_RPS} submits/s, ${QUEUE_MS} ms queue + ${PROCESSING_MS} ms processing per task), ${availableParallelism()} cores; the machine is shared and loaded\n`);
  try {
    for (const n of sizes) {
      const files = join(work, `n${n}`);
      mkdirSync(files);
      const paths = Array.from({ length: n }, (_, k) => {
        const p = join(files, `clip-${k}.m4a`);
        copyFileSync(one, p);
        return p;
      });
      const home = mkdtempSync(join(tmpdir(), 'bench-batch-home-'));
      const app = openApp({ home, env: { ...process.env, DASHSCOPE_API_KEY: 'sk-test', DASHSCOPE_BASE_URL: emu.baseUrl } });
      let peak = 0;
      const sampler = setInterval(() => (peak = Math.max(peak, mediaChildren())), 25);
      const submitsBefore = emu.stats.submits;
      const t = performance.now();
      const jobs = paths.map((p) => app.runner.add(p, jobOptionsSchema.parse({ language: 'en' })));
      const ends = await Promise.all(jobs.map((j) => app.runner.wait(j.id)));
      const wall = (performance.now() - t) / 1000;
      clearInterval(sampler);
      await app.close();
      rmSync(home, { recursive: true, force: true });
      const done = ends.filter((e) => e.stage === 'done').length;
      const floor = (n - 1) / SUBMIT_RPS + (QUEUE_MS + PROCESSING_MS) / 1000;
      console.log(`${String(n).padStart(5)} files: ${done} done, ${emu.stats.submits - submitsBefore} submits, wall ${wall.toFixed(1)} s, floor ${floor.toFixed(1)} s → ${(wall / floor).toFixed(2)}× the floor (target ≤ 1.3× at 100), ${(wall / n * 1000).toFixed(0)} ms per file, peak ${peak} ffmpeg/ffprobe children (target ≤ cores + 2 = ${availableParallelism() + 2})`);
    }
  } finally {
    await emu.close();
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * `npm run bench -- batch`: batches of tiny files through the whole pipeline (probe, extract,
 * signed URL, submit, poll, fetch) against the emulator (test/emulator) with the documented rate
 * limit (10 submits/s). Prints the floor the service sets — (N − 1) / 10 s of submits plus one
 * task's queue and processing delay — the wall time, and the peak number of ffmpeg/ffprobe
 * children, the time to the first submit, and the CPU spent per file (this process — Captioner and
 * the emulator's thread — and all child processes, the emulator's decoding included). The
 * emulator runs on its own thread (emulator-thread.ts). BATCH_SIZES picks the sizes (default
 * "100,1000").
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp } from '../src-main/node/app';
import { locateTools } from '../src-main/node/media/locate';
import { jobOptionsSchema } from '../src-main/shared/jobs';
import { Worker } from 'node:worker_threads';
import type { EmulatorStats } from '../test/emulator/server';

const SUBMIT_RPS = 10;
const QUEUE_MS = 1000;
const PROCESSING_MS = 500;

/**
 * Captioner's running (not yet exited) ffmpeg/ffprobe processes. A process seen once as someone
 * else's is not read again (so sampling costs little CPU beside the batch it measures; pids are
 * not reused within a run).
 */
const foreign = new Set<string>();
function mediaChildren(): number {
  let n = 0;
  for (const pid of readdirSync('/proc')) {
    if (foreign.has(pid) || !/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const [state, ppid] = stat.slice(close + 2).split(' ');
      if (Number(ppid) !== process.pid) {
        foreign.add(pid);
        continue;
      }
      // A zombie has exited and holds nothing; it only waits for Node to reap it.
      if (state === 'Z' || (comm !== 'ffmpeg' && comm !== 'ffprobe')) continue;
      // The emulator runs in this process and decodes what it receives, as the service would: its
      // children (reading its own temp folder) are the service's, not Captioner's.
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('funasr-emulator-')) n++;
    } catch {
      // gone meanwhile
    }
  }
  return n;
}

/** CPU time of this process's ended (reaped) children, in ms (/proc/self/stat cutime + cstime, in 1/100 s). */
function childCpuMs(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[13]) + Number(f[14])) * 10;
}

/** The emulator on its own thread (emulator-thread.ts), with its counters on request. */
async function emulatorThread(options: object): Promise<{ baseUrl: string; stats: () => Promise<EmulatorStats>; close: () => Promise<void> }> {
  // A worker does not inherit tsx's loader: it registers it, then loads the TypeScript entry.
  const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return import(${JSON.stringify(new URL('./emulator-thread.ts', import.meta.url).href)}); })`;
  const worker = new Worker(boot, { eval: true, workerData: options });
  const next = <T>(): Promise<T> =>
    new Promise((resolve, reject) => {
      worker.once('message', (m: T) => {
        worker.off('error', reject);
        resolve(m);
      });
      worker.once('error', reject);
    });
  const { baseUrl } = await next<{ baseUrl: string }>();
  return {
    baseUrl,
    stats: async () => {
      const answer = next<{ stats: EmulatorStats }>();
      worker.postMessage('stats');
      return (await answer).stats;
    },
    close: async () => {
      worker.postMessage('close');
      await new Promise((resolve) => worker.once('exit', resolve));
    },
  };
}

export async function benchBatch(): Promise<void> {
  const sizes = (process.env.BATCH_SIZES ?? '100,1000').split(',').map(Number);
  // The ffmpeg and ffprobe the installers ship (static builds, electron-builder.config.cjs), as the
  // app runs them; the system's dynamically linked build spends ~50 ms of CPU starting each child.
  const shipped = (pkg: string, name: string): string => join(import.meta.dirname, '..', 'node_modules', pkg, `${process.platform}-${process.arch}`, name);
  if (existsSync(shipped('@ffmpeg-installer', 'ffmpeg')) && existsSync(shipped('@ffprobe-installer', 'ffprobe'))) {
    process.env.CAPTIONER_FFMPEG ??= shipped('@ffmpeg-installer', 'ffmpeg');
    process.env.CAPTIONER_FFPROBE ??= shipped('@ffprobe-installer', 'ffprobe');
  }
  const tools = locateTools();
  const work = mkdtempSync(join(tmpdir(), 'bench-batch-'));
  const one = join(work, 'one.m4a');
  execFileSync(tools.ffmpeg, ['-v', 'error', '-nostdin', '-f', 'lavfi', '-i', 'sine=frequency=300:sample_rate=16000:duration=2', '-c:a', 'aac', '-b:a', '32k', '-y', one]);
  const emu = await emulatorThread({ queueDelayMs: QUEUE_MS, processingDelayMs: PROCESSING_MS, submitRps: SUBMIT_RPS });
  console.log(`Batches of 2 s files against the emulator (${SUBMIT_RPS} submits/s, ${QUEUE_MS} ms queue + ${PROCESSING_MS} ms processing per task), ${availableParallelism()} cores; the machine is shared and loaded`);
  console.log(`ffmpeg ${tools.ffmpeg}, ffprobe ${tools.ffprobe} (Captioner's and the emulator's; CAPTIONER_FFMPEG/CAPTIONER_FFPROBE choose others)\n`);
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
      const submitsBefore = (await emu.stats()).submits;
      const cpu = process.cpuUsage();
      const childCpu = childCpuMs();
      const t = performance.now();
      let firstSubmit = NaN;
      const watchFirst = (async () => {
        while (Number.isNaN(firstSubmit) && performance.now() - t < 600_000) {
          if ((await emu.stats()).submits > submitsBefore) firstSubmit = (performance.now() - t) / 1000;
          else await new Promise((r) => setTimeout(r, 50));
        }
      })();
      const jobs = paths.map((p) => app.runner.add(p, jobOptionsSchema.parse({ language: 'en' })));
      const ends = await Promise.all(jobs.map((j) => app.runner.wait(j.id)));
      const wall = (performance.now() - t) / 1000;
      clearInterval(sampler);
      await watchFirst;
      const used = process.cpuUsage(cpu);
      const ownMs = (used.user + used.system) / 1000 / n;
      const childMs = (childCpuMs() - childCpu) / n;
      await app.close();
      rmSync(home, { recursive: true, force: true });
      const done = ends.filter((e) => e.stage === 'done').length;
      const floor = (n - 1) / SUBMIT_RPS + (QUEUE_MS + PROCESSING_MS) / 1000;
      console.log(`${String(n).padStart(5)} files: ${done} done, ${(await emu.stats()).submits - submitsBefore} submits, wall ${wall.toFixed(1)} s, floor ${floor.toFixed(1)} s → ${(wall / floor).toFixed(2)}× the floor (target ≤ 1.3× at 100), ${(wall / n * 1000).toFixed(0)} ms per file, peak ${peak} ffmpeg/ffprobe children (target ≤ cores + 2 = ${availableParallelism() + 2}); first submit after ${firstSubmit.toFixed(2)} s; CPU per file ${ownMs.toFixed(0)} ms in this process + ${childMs.toFixed(0)} ms in children`);
    }
  } finally {
    await emu.close();
    rmSync(work, { recursive: true, force: true });
  }
}

import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openApp } from '../../src-main/node/app';
import { parseSrt } from '../../src-main/shared/formats/srt';
import { expectCliOk, runCli, startCli, type CliResult } from '../helpers/cli';
import { emulator } from '../helpers/emulator';
import { startFaultProxy, type FaultProxy, type FaultRule } from '../helpers/fault-proxy';
import { speech, wrap } from '../helpers/media';
import { seeded } from '../helpers/seeded';

/**
 * Money and durability against the real parts: the emulator, a fault proxy in front of it, the
 * real CLI in its own process, killed with SIGKILL. Every scenario must end with exactly one
 * billed (SUCCEEDED) task per file and every caption written (docs/billing-safety.md).
 */
type Emu = Awaited<ReturnType<typeof emulator>>;
const root = mkdtempSync(join(tmpdir(), 'billing-'));
const lines = ['Money is real in this test.', 'Every file is billed once.'];
const base = speech(lines, { gapMs: 700 });
const figures: Record<string, unknown> = {};
const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) await o.close();
});

/** n media files with distinct audio (a different lead-in each), wrapped as mp4 with video. */
function media(dir: string, n: number, ext = 'mp4', name = (i: number) => `talk-${String(i + 1).padStart(2, '0')}`): string[] {
  mkdirSync(dir, { recursive: true });
  return Array.from({ length: n }, (_, i) => {
    const cache = join(tmpdir(), 'captioner-test-media', `billing-variant-${i}.wav`);
    if (!existsSync(cache)) execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', base, '-af', `adelay=${i * 130}`, cache]);
    return wrap(cache, join(dir, `${name(i)}.${ext}`), { ext });
  });
}

interface Scenario {
  emu: Emu;
  proxy: FaultProxy;
  /** The library (CAPTIONER_HOME) and the media folder of this scenario, both under root. */
  home: string;
  dir: string;
  inputs: string[];
  env: Record<string, string>;
  /** The CLI on this library, through the fault proxy. */
  run(args: string[]): Promise<CliResult>;
  /** Starts the CLI and kills it (SIGKILL) once `ready` holds, `afterMs` later. */
  killWhen(args: string[], ready: () => boolean, what: string, afterMs?: number): Promise<void>;
}

/** An emulator with a fault proxy in front, a library and `files` media files, all named after the scenario. */
async function scenario(name: string, files: number, o: { queueDelayMs?: number; processingDelayMs?: number; downloadBytesPerSecond?: number } = {}): Promise<Scenario> {
  const emu = await emulator(o);
  await emu.script({ urlContains: '' }, lines.map((text) => ({ text })));
  const proxy = await startFaultProxy(emu.baseUrl, 7);
  open.push(proxy, emu);
  const home = join(root, `home-${name}`);
  const dir = join(root, name);
  const env = { CAPTIONER_HOME: home, DASHSCOPE_API_KEY: 'sk-test', DASHSCOPE_BASE_URL: proxy.baseUrl };
  return {
    emu, proxy, home, dir, env, inputs: media(dir, files),
    run: (args) => runCli(args, env),
    async killWhen(args, ready, what, afterMs = 0) {
      const run = startCli(args, env);
      await waitFor(ready, what);
      if (afterMs) await new Promise((r) => setTimeout(r, afterMs));
      run.child.kill('SIGKILL');
      await run.done;
    },
  };
}

/** Captions `files` files while the proxy loses answers by `rule`: one submit and one billed task per file. */
async function captionLosing(name: string, files: number, rule: FaultRule): Promise<Scenario & { figures: Record<string, number> }> {
  const s = await scenario(name, files);
  s.proxy.rules.push(rule);
  const t0 = Date.now();
  expectCliOk(await s.run(['caption', ...s.inputs]));
  expect(s.emu.stats.submits).toBe(files);
  expectOneBilledTaskPerFile(s.emu, s.home, s.inputs);
  return { ...s, figures: { files, submits: s.emu.stats.submits, billed: s.emu.stats.succeededTasks, lostResponses: s.proxy.counts.lost, ms: Date.now() - t0 } };
}

/** Exactly one SUCCEEDED task per input, each the task of that input's finished job; every caption written. */
function expectOneBilledTaskPerFile(emu: Emu, home: string, inputs: string[], ext = 'srt'): void {
  const billed = emu.tasks().filter((t) => t.status === 'SUCCEEDED');
  const db = new Database(join(home, 'library.db'), { readonly: true });
  const done = db.prepare("SELECT input_path AS input, task_id AS taskId FROM jobs WHERE stage = 'done' AND task_id IS NOT NULL").all() as { input: string; taskId: string }[];
  db.close();
  expect(emu.stats.succeededTasks).toBe(inputs.length);
  expect(billed).toHaveLength(inputs.length);
  const byTask = new Map(done.map((d) => [d.taskId, d.input]));
  expect(new Set(billed.map((t) => byTask.get(t.taskId)))).toEqual(new Set(inputs));
  for (const input of inputs) {
    const caption = input.replace(/\.\w+$/, `.${ext}`);
    expect(existsSync(caption), caption).toBe(true);
    if (ext === 'srt') expect(parseSrt(readFileSync(caption)).cues.map((c) => c.lines.join(' '))).toEqual(lines);
  }
}

const waitFor = async (pred: () => boolean, what: string, ms = 60_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

describe('at most one billed task per file, whatever fails', () => {
  it('loses every submit response: each task is found through the task list, none is submitted twice; a rerun bills nothing', async () => {
    const { emu, proxy, dir, inputs, run, figures: lost } = await captionLosing('lost-all', 3, { method: 'POST', path: /transcription$/, kind: 'lose' });
    expect(proxy.counts.lost).toBe(3);
    figures.lostAll = lost;

    // Rerun of the finished batch, then in another format: written from the library, nothing billed.
    proxy.rules.length = 0;
    const again = await run(['caption', ...inputs]);
    expect(again.code).toBe(0);
    expect(again.stdout.match(/from the library/g)).toHaveLength(3);
    expect(again.stdout.match(/file already up to date/g)).toHaveLength(3);
    const vtt = await run(['caption', ...inputs, '--format', 'vtt']);
    expect(vtt.code).toBe(0);
    for (const f of inputs) expect(readFileSync(f.replace(/\.mp4$/, '.vtt'), 'utf8')).toMatch(/^WEBVTT[\s\S]*Every file is billed once\./);
    expect(readdirSync(dir).filter((n) => n.includes('(2)'))).toEqual([]);
    expect(emu.stats.submits).toBe(3);
    const forced = await run(['caption', inputs[0] as string, '--retranscribe']);
    expect(forced.code).toBe(0);
    expect(emu.stats.submits).toBe(4);
    figures.rerun = { submitsAfterRerunAndVtt: 3, submitsAfterRetranscribeOne: emu.stats.submits };
  }, 120_000);

  it('loses 20% of all service responses over 8 files: one billed task per file', async () => {
    const { proxy, figures: lost } = await captionLosing('lost-20', 8, { path: /^\/api\/v1\//, kind: 'lose', rate: 0.2 });
    expect(proxy.counts.lost).toBeGreaterThan(2);
    figures.lost20 = lost;
  }, 120_000);

  it('is killed (SIGKILL) while the submit is in flight: the rerun finds the task instead of submitting', async () => {
    // The task waits at the service until the rerun serves its audio.
    const { emu, proxy, home, inputs, run, killWhen } = await scenario('kill-submit', 1, { queueDelayMs: 5000 });
    proxy.rules.push({ method: 'POST', path: /transcription$/, kind: 'hold' });
    await killWhen(['caption', ...inputs], () => proxy.counts.held === 1, 'the submit to reach the service');
    expect(emu.stats.submits).toBe(1);
    proxy.rules.length = 0;
    const again = expectCliOk(await run(['caption', ...inputs]));
    expect(again.stdout).toContain('resuming (submitting)');
    expect(emu.stats.submits).toBe(1);
    expectOneBilledTaskPerFile(emu, home, inputs);
  }, 120_000);

  it('is killed (SIGKILL) during a quick-mode call: reruns never call again by themselves; the user\'s retry calls once more', async () => {
    const { emu, proxy, home, inputs, run, killWhen } = await scenario('kill-quick', 1);
    proxy.rules.push({ method: 'POST', path: /generation$/, kind: 'hold' });
    await killWhen(['caption', '--quick', ...inputs], () => proxy.counts.held === 1, 'the quick call to reach the service');
    proxy.rules.length = 0;
    await waitFor(() => emu.stats.flashCalls === 1, 'the held call to be processed (and billed)');
    // Its answer is gone for good: running the command again says so, twice, and calls nothing.
    for (let i = 0; i < 2; i++) {
      const again = await run(['caption', '--quick', ...inputs]);
      expect(again.code).toBe(1);
      expect(again.stdout + again.stderr).toContain('[QUICK_ANSWER_LOST]');
      expect(again.stdout + again.stderr).toContain('captioner jobs retry');
    }
    expect(emu.stats.flashCalls).toBe(1);
    const db = new Database(join(home, 'library.db'), { readonly: true });
    const { id } = db.prepare('SELECT id FROM jobs').get() as { id: string };
    db.close();
    const retried = await run(['jobs', 'retry', id]);
    expect([retried.code, retried.stdout]).toEqual([0, expect.stringContaining(': done')]);
    expect(emu.stats.flashCalls).toBe(2);
  }, 120_000);

  it('waits out a 15 s outage while polling, without failing or submitting again', async () => {
    const { emu, proxy, home, inputs, env } = await scenario('outage', 2, { queueDelayMs: 1000 });
    const cli = startCli(['caption', ...inputs], env);
    await waitFor(() => emu.stats.submits === 2, 'both submits');
    proxy.rules.push({ path: /^\/api\/v1\/tasks/, kind: 'down' });
    const t0 = Date.now();
    await new Promise((r) => setTimeout(r, 15_000));
    const refused = proxy.counts.reset;
    proxy.rules.length = 0;
    expectCliOk(await cli.done);
    expect(refused).toBeGreaterThan(4);
    expect(emu.stats.submits).toBe(2);
    expectOneBilledTaskPerFile(emu, home, inputs);
    figures.outage = { files: 2, outageMs: 15_000, refusedPolls: refused, submits: emu.stats.submits, billed: emu.stats.succeededTasks, ms: Date.now() - t0 };
  }, 120_000);

  it('retries a job that failed while its task lived on when the command is run again, instead of submitting anew', async () => {
    const { emu, home, inputs, run } = await scenario('failed-poll', 1);
    await emu.fault({ path: '^/api/v1/tasks/', kind: 'status', status: 401, count: 1 });
    const first = await run(['caption', ...inputs]);
    expect([first.code, first.stdout]).toEqual([1, expect.stringContaining('[SERVICE_AUTH]')]);
    const again = expectCliOk(await run(['caption', ...inputs]));
    expect(again.stdout).toContain('retrying the failed job');
    // The task was polled again; if its download came while the first run was closing, it was
    // submitted once more, unbilled, and the run says so. Billed: once.
    const resubmitted = /submitted it once more/.test(again.stdout);
    expect(emu.stats.submits).toBe(resubmitted ? 2 : 1);
    expectOneBilledTaskPerFile(emu, home, inputs);
  }, 120_000);

  it('was not running when the service came to download: submits once more by itself, saying so, and bills once', async () => {
    const { emu, home, inputs, run, killWhen } = await scenario('down', 1, { queueDelayMs: 2500 });
    await killWhen(['caption', ...inputs], () => emu.stats.submits === 1, 'the submit');
    await waitFor(() => emu.tasks()[0]?.status === 'FAILED', 'the download to fail');
    expect(emu.stats.downloadFailures).toBe(1);
    const again = expectCliOk(await run(['caption', ...inputs]));
    expect(again.stdout).toMatch(/tried to download the audio while Captioner was not running .*submitted it once more/);
    expect(emu.stats.submits).toBe(2);
    expectOneBilledTaskPerFile(emu, home, inputs);
  }, 120_000);

  it('was stopped while the service downloaded the audio: the broken download is submitted once more by itself, and billed once', async () => {
    // 2 min of 48 kHz mono WAV is sent as it is (11.5 MB); the service reads it at 1 MB/s, so the
    // kill lands mid-transfer: the request was recorded, the file never sent whole.
    const { emu, home, dir, run, killWhen } = await scenario('mid-download', 0, { downloadBytesPerSecond: 1_000_000 });
    const input = join(dir, 'lecture.wav');
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', base, '-af', 'apad=whole_dur=120', '-ar', '48000', '-ac', '1', '-c:a', 'pcm_s16le', input]);
    const hosted = (): { requests: number; served: number } | undefined => {
      if (!existsSync(join(home, 'library.db'))) return undefined;
      const db = new Database(join(home, 'library.db'), { readonly: true });
      try {
        return db.prepare('SELECT requests, served FROM hosted_files WHERE requests > 0').get() as { requests: number; served: number } | undefined;
      } catch {
        return undefined; // the library is still being created
      } finally {
        db.close();
      }
    };
    await killWhen(['caption', input], () => hosted() !== undefined, 'the service to start downloading', 1000);
    expect(hosted()).toEqual({ requests: 1, served: 0 });
    await waitFor(() => emu.tasks()[0]?.status === 'FAILED', 'the broken download to fail the task');
    expect(emu.stats.downloadFailures).toBe(1);
    const again = expectCliOk(await run(['caption', input]));
    expect(again.stdout).toMatch(/was downloading the audio when Captioner stopped .*submitted it once more/);
    expect(emu.stats.submits).toBe(2);
    expectOneBilledTaskPerFile(emu, home, [input]);
  }, 120_000);
});

describe('outputs never collide', () => {
  it('gives x.mp4 and x.wav, two clip.mp4 with --out, and a file named twice their own captions', async () => {
    const { emu, dir, run } = await scenario('names', 0);
    const [xmp4] = media(dir, 1, 'mp4', () => 'x');
    const [xwav] = media(join(root, 'names-wav'), 2, 'wav', (i) => (i ? 'x' : 'unused')).slice(1);
    const xw = join(dir, 'x.wav');
    execFileSync('cp', [xwav as string, xw]);
    const [a] = media(join(root, 'a'), 3, 'mp4', (i) => (i === 2 ? 'clip' : `a${i}`)).slice(2);
    const [b] = media(join(root, 'b'), 4, 'mp4', (i) => (i === 3 ? 'clip' : `b${i}`)).slice(3);
    const out = join(root, 'names-out');
    expectCliOk(await run(['caption', xmp4 as string, xw, xmp4 as string]));
    expect(readdirSync(dir).filter((n) => n.endsWith('.srt')).sort()).toEqual(['x (2).srt', 'x.srt']);
    expectCliOk(await run(['caption', a as string, b as string, '--out', out]));
    expect(readdirSync(out).sort()).toEqual(['clip (2).srt', 'clip.srt']);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(emu.stats.succeededTasks).toBe(4);
    expect(basename(xmp4 as string)).toBe('x.mp4');
  }, 120_000);
});

describe('clean after any crash', () => {
  it('ends an ffmpeg child whose Captioner died, removes its .part, and leaves other processes alone', async () => {
    const home = join(root, 'home-orphan');
    const audio = join(home, 'audio');
    mkdirSync(audio, { recursive: true });
    // What a killed Captioner leaves: a recorded ffmpeg child still writing its temp output.
    const dead = spawn('true');
    await new Promise((r) => dead.on('exit', r));
    const part = join(audio, '.0123456789ab.part');
    const ffmpeg = spawn('ffmpeg', ['-v', 'error', '-nostdin', '-re', '-f', 'lavfi', '-i', 'anullsrc=r=16000:cl=mono', '-t', '120', '-f', 'wav', part], { detached: true, stdio: 'ignore' });
    const bystander = spawn('ffmpeg', ['-v', 'error', '-nostdin', '-re', '-f', 'lavfi', '-i', 'anullsrc=r=16000:cl=mono', '-t', '120', '-f', 'null', '-'], { detached: true, stdio: 'ignore' });
    await waitFor(() => existsSync(part), 'ffmpeg to start writing');
    const a = openApp({ home, env: { ...process.env, DASHSCOPE_API_KEY: 'sk-test', DASHSCOPE_BASE_URL: 'http://127.0.0.1:9/api/v1' } });
    const insert = a.db.prepare('INSERT INTO child_processes(pid, marker, job_id, owner_pid, created_at) VALUES (?, ?, NULL, ?, 0)');
    insert.run(ffmpeg.pid, part, dead.pid);
    insert.run(bystander.pid, join(audio, '.not-its-marker.part'), dead.pid); // a reused pid: its command line lacks the marker
    const exited = new Promise((r) => ffmpeg.on('exit', (_c, signal) => r(signal)));
    await a.runner.resumeAll();
    expect(await exited).toBe('SIGKILL');
    expect(existsSync(part)).toBe(false);
    expect(bystander.exitCode).toBeNull();
    expect(a.db.prepare('SELECT count(*) AS n FROM child_processes').get()).toEqual({ n: 0 });
    await a.close();
    bystander.kill('SIGKILL');
  });

  it('survives a storm of 15 SIGKILLs over a 15-file batch: every file captioned once, one billed task each, no orphan ffmpeg or stray file', async () => {
    // Tasks run 20 s at the service, so the storm (kills 0.4-2.4 s after each start) covers start,
    // extraction, submits, polling and writing before the batch can finish.
    const { emu, home, dir, inputs, env, run } = await scenario('storm', 15, { queueDelayMs: 300, processingDelayMs: 20_000 });
    const random = seeded(42);
    const t0 = Date.now();
    let kills = 0;
    for (; kills < 15; kills++) {
      const cli = startCli(['caption', ...inputs], env);
      // Kill at a different moment each time: while starting, extracting, submitting, polling or writing.
      const delay = 400 + Math.floor(random() * 2000);
      const exited = await Promise.race([cli.done.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), delay))]);
      if (exited) break;
      cli.child.kill('SIGKILL');
      await cli.done;
    }
    const last = await run(['caption', ...inputs]);
    expect([last.code, last.stderr, last.stdout.split('\n').filter((l) => l.includes('✗'))]).toEqual([0, '', []]);
    expect(kills).toBeGreaterThanOrEqual(15);
    expectOneBilledTaskPerFile(emu, home, inputs);
    const names = readdirSync(dir);
    expect(names.filter((n) => n.endsWith('.srt'))).toHaveLength(15);
    expect(names.filter((n) => n.endsWith('.tmp') || n.includes('(2)'))).toEqual([]);
    expect(readdirSync(join(home, 'audio'))).toEqual([]);
    // No ffmpeg left running on this library's files.
    const orphans = readdirSync('/proc').filter((p) => /^\d+$/.test(p)).filter((p) => {
      try {
        const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8');
        return cmd.includes('ffmpeg') && cmd.includes(home);
      } catch {
        return false;
      }
    });
    expect(orphans).toEqual([]);
    figures.storm = { files: 15, kills, submits: emu.stats.submits, billed: emu.stats.succeededTasks, downloadFailures: emu.stats.downloadFailures, ms: Date.now() - t0 };
    console.log(`billing figures: ${JSON.stringify(figures)}`);
  }, 240_000);
});

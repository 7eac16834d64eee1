import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCli } from '../helpers/cli';
import { emulator } from '../helpers/emulator';
import { speech, wrap } from '../helpers/media';

type Emu = Awaited<ReturnType<typeof emulator>>;
let emu: Emu;
const dir = mkdtempSync(join(tmpdir(), 'cli-msg-'));
const home = join(dir, 'home');
const env = (extra: Record<string, string> = {}): Record<string, string> => ({ CAPTIONER_HOME: home, DASHSCOPE_API_KEY: 'sk-test', DASHSCOPE_BASE_URL: emu.baseUrl, DASHSCOPE_REGION: '', ...extra });

beforeAll(async () => {
  emu = await emulator({ queueDelayMs: 30_000 });
  await emu.script({ urlContains: '' }, [{ text: 'Just one sentence.' }]);
});
afterAll(() => emu.close());

describe('a CLI that explains itself', () => {
  it('has help per command, and a group without an action shows its help', async () => {
    for (const [args, first] of [
      [['caption', '--help'], 'captioner caption <files, folders or URLs...> [options]   transcribe media into caption files'],
      [['library', '--help'], 'captioner library — the transcripts on this computer'],
      [['jobs'], 'captioner jobs — transcription jobs'],
      [['library'], 'captioner library — the transcripts on this computer'],
      [['help', 'jobs'], 'captioner jobs — transcription jobs'],
      [['serve', '--help'], 'captioner serve [--port N]   the app\'s UI in a browser on this machine (token-protected URL)'],
    ] as const) {
      const r = await runCli([...args], env());
      expect([args.join(' '), r.code, r.stdout.split('\n')[0]]).toEqual([args.join(' '), 0, first]);
    }
  });

  it('answers a usage mistake in one short line', async () => {
    expect(await runCli(['caption', 'x.mp4', '--colour', 'red'], env())).toMatchObject({ code: 2, stdout: '', stderr: 'captioner: unknown option --colour. See "captioner caption --help".\n' });
    expect(await runCli(['library', 'export', 'abc', '--format'], env())).toMatchObject({ code: 2, stderr: 'captioner: --format needs a value. See "captioner library --help".\n' });
    expect(await runCli(['frobnicate'], env())).toMatchObject({ code: 2, stderr: 'captioner: unknown command "frobnicate". Commands: caption, translate, library, jobs, config, serve, burn. See "captioner --help".\n' });
    expect(await runCli(['jobs', 'explode'], env())).toMatchObject({ code: 2, stderr: 'captioner jobs: unknown action "explode". Use list, cancel, retry or remove ("captioner jobs --help").\n' });
  });

  it('names the host and what to check when the service cannot be reached', async () => {
    const wav = wrap(speech(['Nobody listens.']), join(dir, 'unreachable.wav'), { ext: 'wav' });
    // A loopback port nothing listens on (taken, then released).
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const r = await runCli(['caption', wav, '--delivery', 'upload'], env({ DASHSCOPE_BASE_URL: `http://127.0.0.1:${port}/api/v1`, CAPTIONER_HOME: join(dir, 'home-net') }));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`✗ unreachable.wav: Could not reach the service at 127.0.0.1:${port} for upload policy: the connection was refused. Check the network connection, any proxy (HTTPS_PROXY), the region ("captioner config get region") and the base URL ("captioner config get baseUrl"). [SERVICE_NETWORK]`);
    expect(r.stderr).toBe('1 of 1 file failed.\n');
  });

  it('ends cleanly on Ctrl-C and says how to resume', async () => {
    const wav = wrap(speech(['Interrupted while queued.']), join(dir, 'interrupted.wav'), { ext: 'wav' });
    const run = startCli(['caption', wav], env());
    const deadline = Date.now() + 60_000;
    while (emu.stats.submits < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    run.child.kill('SIGINT');
    const r = await run.done;
    expect(r.code).toBe(130);
    expect(r.stderr).toBe('\nStopped. Unfinished jobs are saved in the library: run the same command again to resume (nothing is submitted or billed twice).\n');
    const jobs = await runCli(['jobs', 'list'], env());
    expect(jobs.stdout).toMatch(/transcribing\s+interrupted/);
  });

  it('counts in words: "1 cue", and CRLF applies to WebVTT', async () => {
    const emu2 = await emulator();
    try {
      await emu2.script({ urlContains: '' }, [{ text: 'Only one cue here.' }]);
      const wav = wrap(speech(['Only one cue here.']), join(dir, 'one.wav'), { ext: 'wav' });
      const r = await runCli(['caption', wav, '--format', 'vtt', '--crlf'], env({ DASHSCOPE_BASE_URL: emu2.baseUrl, CAPTIONER_HOME: join(dir, 'home-one') }));
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/✓ one\.wav → .*one\.vtt \(1 cue, billed \d+ s, estimate /);
      const vtt = readFileSync(join(dir, 'one.vtt'), 'utf8');
      expect(vtt.startsWith('WEBVTT\r\n')).toBe(true);
      expect(vtt.replace(/\r\n/g, '')).not.toContain('\n');
    } finally {
      await emu2.close();
    }
  });
});

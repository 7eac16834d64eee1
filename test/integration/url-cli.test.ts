import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSrt } from '../../src-main/shared/formats/srt';
import { runCli, startCli } from '../helpers/cli';
import { emulator } from '../helpers/emulator';
import { startInternet, type Internet } from '../helpers/internet';
import { speech, wrap } from '../helpers/media';

/** The real CLI with links (issue 14): --urls, a SIGKILL after submit, reruns that reuse the library. */
type Emu = Awaited<ReturnType<typeof emulator>>;
let emu: Emu;
let net: Internet;
const dir = mkdtempSync(join(tmpdir(), 'url-cli-'));
const lines = ['A link survives a crash.', 'It is billed once.'];
const figures: Record<string, unknown> = {};

beforeAll(async () => {
  const wav = speech(lines);
  // Tasks wait 4 s in the queue: long enough to kill the CLI while its tasks exist.
  emu = await emulator({ queueDelayMs: 4000 });
  await emu.script({ urlContains: '' }, lines.map((text) => ({ text })));
  net = await startInternet();
  net.put('lecture.mp4', wrap(wav, join(dir, 'lecture.mp4'), { ext: 'mp4' }));
  net.put('podcast.mp3', wrap(wav, join(dir, 'podcast.mp3'), { ext: 'mp3' }));
}, 120_000);
afterAll(async () => {
  console.log('url cli figures:', JSON.stringify(figures));
  await net.close();
  await emu.close();
});

const env = (home: string): Record<string, string> => ({ CAPTIONER_HOME: home, DASHSCOPE_API_KEY: 'sk-test', DASHSCOPE_BASE_URL: emu.baseUrl });

describe('captioner caption <url> --urls FILE', () => {
  it('resumes after kill -9 by polling the same tasks; reruns write from the library; each link fetched once', async () => {
    const home = mkdtempSync(join(tmpdir(), 'url-cli-home-'));
    const out = mkdtempSync(join(tmpdir(), 'url-cli-out-'));
    const lecture = `${net.url}/files/lecture.mp4`;
    const podcast = `${net.url}/redirect/1/podcast.mp3`;
    const list = join(dir, 'links.txt');
    writeFileSync(list, `# this week's links\n${podcast}\n`);
    const args = ['caption', lecture, '--urls', list, '--out', out, '--language', 'en'];
    const first = startCli(args, env(home));
    while (emu.stats.submits < 2) {
      if (first.child.exitCode !== null) throw new Error(`the CLI ended early: ${first.output()}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    first.child.kill('SIGKILL');
    await first.done;
    expect(emu.stats.succeededTasks).toBe(0); // killed while both tasks were queued

    const second = await runCli(args, env(home));
    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/resuming/);
    expect(second.stdout).toMatch(/✓ lecture\.mp4 → .*lecture\.srt \(2 cues, billed \d+ s, estimate .*, the link went to the service as it is\)/);
    for (const name of ['lecture.srt', 'podcast.srt']) {
      expect(parseSrt(readFileSync(join(out, name))).cues.map((c) => c.lines.join(' '))).toEqual(lines);
    }
    const third = await runCli(args, env(home));
    expect(third.code).toBe(0);
    expect(third.stdout.match(/from the library/g)).toHaveLength(2);
    expect(emu.stats.submits).toBe(2);
    expect(emu.stats.succeededTasks).toBe(2);
    expect(emu.stats.downloadsByUrl).toEqual({ [lecture]: 1, [podcast]: 1 });
    expect(emu.submissions.map((s) => s.fileUrls[0]).sort()).toEqual([lecture, podcast].sort());
    expect(existsSync(join(home, 'audio')) ? readdirSync(join(home, 'audio')) : []).toEqual([]);
    Object.assign(figures, { links: 2, kills: 1, submits: emu.stats.submits, billedTasks: emu.stats.succeededTasks, downloadsPerUrl: Object.values(emu.stats.downloadsByUrl) });
  }, 180_000);

  it('refuses a bad --urls line, and a link that is not found, with the reason', async () => {
    const home = mkdtempSync(join(tmpdir(), 'url-cli-home-'));
    const list = join(dir, 'bad.txt');
    writeFileSync(list, `${net.url}/files/lecture.mp4\nlecture.mp4\n`);
    const bad = await runCli(['caption', '--urls', list], env(home));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('bad.txt:2: not an http(s) URL: lecture.mp4');
    const submits = emu.stats.submits;
    const missing = await runCli(['caption', `${net.url}/missing/gone.mp4`, '--out', dir], env(home));
    expect(missing.code).toBe(1);
    expect(missing.stdout).toMatch(/✗ gone\.mp4: .*was not found \(HTTP 404.*\[URL_NOT_FOUND\]/);
    expect(emu.stats.submits).toBe(submits);
  }, 120_000);
});


import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulator } from '../helpers/emulator';
import { startInternet, type Internet } from '../helpers/internet';
import { silentWav } from '../helpers/media';
import { rpcClient, startServe, type Served } from '../helpers/serve';

/**
 * A job's errors and warnings cross from main as codes with params; the Queue words them in the
 * UI's language (src-renderer/screens/JobNotes.tsx). Real `captioner serve`, emulator and Chromium:
 * a download the service could not make (InvalidFile.DownloadFailed, Captioner unreachable), a file
 * without audio, a link submitted unchecked that the service could not fetch, and a silent clip
 * over 5 minutes asked for in quick mode (two warnings), in English and Chinese, light and dark.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const SHOTS = join(ROOT, 'test-output', 'screens');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const COMBOS = [['en', 'light'], ['en', 'dark'], ['zh-CN', 'light'], ['zh-CN', 'dark']] as const;

/** What the suite runs against, set up once. */
interface World {
  emu: Awaited<ReturnType<typeof emulator>>;
  net: Internet;
  served: Served;
  rpc: Awaited<ReturnType<typeof rpcClient>>;
  browser?: Browser;
  page?: Page;
}
let w: Partial<World> = {};
const page = (): Page => w.page as Page;
const media = mkdtempSync(join(tmpdir(), 'e2e-codes-media-'));

async function call(method: string, params: unknown): Promise<unknown> {
  const r = await (w.rpc as World['rpc']).call(method, params);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

async function settle(ids: string[]): Promise<void> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const jobs = (await call('jobs:list', {})) as { id: string; stage: string }[];
    if (ids.every((id) => ['done', 'failed', 'canceled'].includes(jobs.find((j) => j.id === id)?.stage ?? ''))) return;
    if (Date.now() > deadline) throw new Error(`jobs did not finish: ${JSON.stringify(jobs.map((j) => j.stage))}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const add = async (path: string, options: Record<string, unknown> = {}): Promise<string> => ((await call('jobs:add', { paths: [path], options })) as { jobs: { id: string }[] }).jobs[0]!.id;

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'out', 'renderer', 'index.html'))) throw new Error('Build the UI first: npm run build:ui');
  mkdirSync(SHOTS, { recursive: true });
  w.emu = await emulator();
  w.net = await startInternet();
  const served = (w.served = await startServe({ CAPTIONER_HOME: mkdtempSync(join(tmpdir(), 'e2e-codes-home-')), DASHSCOPE_API_KEY: 'sk-test', DASHSCOPE_BASE_URL: w.emu.baseUrl }));
  w.rpc = await rpcClient(served.port, served.token);
  const silent = silentWav(join(media, 'quiet seminar.wav'), 360);
  const mute = join(media, 'screen recording.mp4');
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=160x90:rate=10', '-t', '2', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', mute]);
  const first = [await add(silent, { quick: true }), await add(mute), await add(`${w.net.url}/private/members-lecture.mp4`, { force: true })];
  await settle(first);
  // Now the service cannot reach Captioner's signed-URL server: the next download fails.
  await call('settings:set', { publicBaseUrl: 'http://127.0.0.1:9', delivery: 'signed-url' });
  const unreachable = silentWav(join(media, 'board meeting.wav'), 4);
  await settle([await add(unreachable)]);
  await call('settings:set', { publicBaseUrl: null, delivery: null });
  w.browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
  w.page = await w.browser.newPage({ viewport: { width: 1360, height: 820 } });
  await w.page.goto(served.url);
}, 180_000);

afterAll(async () => {
  w.rpc?.close();
  await w.browser?.close();
  await w.served?.stop();
  await w.net?.close();
  await w.emu?.close();
  w = {};
});

async function look(lang: 'en' | 'zh-CN', theme: 'light' | 'dark'): Promise<void> {
  await call('settings:set', { uiLanguage: lang, theme });
  await page().reload();
  await page().waitForFunction((l) => document.documentElement.lang === l, lang);
  await page().locator('[data-testid="job-row"]').nth(3).waitFor();
}

const row = (title: string) => page().locator('[data-testid="job-row"]', { hasText: title });

describe('job errors and warnings in the Queue', () => {
  it('are worded from their codes in the UI language, in both themes', async () => {
    for (const [lang, theme] of COMBOS) {
      await look(lang, theme);
      await page().screenshot({ path: join(SHOTS, `job-codes-queue-${lang}-${theme}.png`), fullPage: true });
    }
    // zh-CN is the last look: the Chinese sentences, with the params main sent.
    expect(await row('board meeting').getByTestId('job-error').innerText()).toBe(
      '服务始终没能访问本机获取音频（http://127.0.0.1:9；未计费）。请设置能转发到本机的公网访问地址（隧道、反向代理或端口转发），或改用“临时上传”，然后重试。',
    );
    expect(await row('screen recording').getByTestId('job-error').innerText()).toBe('此文件没有音频，没有可转写的内容。请确认选对了文件。');
    expect(await row('quiet seminar').getByTestId('job-warning').allInnerTexts()).toEqual(['时长超过 5 分钟（6.0 分钟）：已改用标准方式转写，未使用快速模式。', '服务在此文件中没有识别到语音；字幕为空。']);
    const lecture = row('members-lecture');
    expect(await lecture.getByTestId('job-warning').innerText()).toMatch(/^已按你的要求未经检查直接提交：链接不是公开的（HTTP 403[^）]*）。没有费用预估，也未检查 12 小时上限。$/);
    expect(await lecture.getByTestId('job-error').innerText()).toMatch(/^服务无法下载此链接（未计费）/);
    await lecture.getByRole('button', { name: '改由 Captioner 传送' }).waitFor();
    // No English sentence from main shows; its message stays as the error's tooltip.
    const table = await page().locator('table.grid').innerText();
    expect(table).not.toMatch(/The service|Captioner (was|stopped)|no audio stream|Submitted without/);
    expect(await row('board meeting').getByTestId('job-error').getAttribute('title')).toMatch(/InvalidFile\.DownloadFailed.*public base URL/);

    await look('en', 'light');
    expect(await row('board meeting').getByTestId('job-error').innerText()).toBe(
      'The service never reached this computer for the audio (http://127.0.0.1:9; not billed). Set a public base URL that forwards here (a tunnel, reverse proxy or port forward), or choose temporary upload, then retry.',
    );
    expect(await lecture.getByTestId('job-warning').innerText()).toMatch(/^Submitted without checking, as you asked: Link not public \(HTTP 403[^)]*\)\. There is no cost estimate/);
  }, 120_000);
});

import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCli } from '../helpers/cli';
import { emulator } from '../helpers/emulator';
import { speech, wrap } from '../helpers/media';
import { dropFile } from './drop';

/**
 * Issue 10 in the real UI: the ETA while the service queues the task (a slowed emulator), the
 * per-job choices on the Queue screen, the Settings screen from the one settings table and the
 * editor's language switch, in English and Chinese, light and dark (test-output/screens).
 */
const ROOT = join(import.meta.dirname, '..', '..');
const SHOTS = join(ROOT, 'test-output', 'screens');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

type Emu = Awaited<ReturnType<typeof emulator>>;
let emu: Emu;
let browser: Browser;
let page: Page;
let server: ReturnType<typeof startCli>;

const COMBOS = [['en', 'light'], ['en', 'dark'], ['zh-CN', 'light'], ['zh-CN', 'dark']] as const;
const NAV = { en: { queue: 'Queue', settings: 'Settings', library: 'Library' }, 'zh-CN': { queue: '队列', settings: '设置', library: '字幕库' } };

async function look(lang: 'en' | 'zh-CN', theme: 'light' | 'dark'): Promise<void> {
  await page.locator('nav.nav button').nth(2).click();
  await page.selectOption('#ui-lang', lang);
  await page.selectOption('#theme', theme);
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'out', 'renderer', 'index.html'))) throw new Error('Build the UI first: npm run build:ui');
  mkdirSync(SHOTS, { recursive: true });
  emu = await emulator({ queueDelayMs: 60_000, processingDelayMs: 1000 });
  await emu.script({ urlContains: '' }, [{ text: '今天我们来讨论一下字幕的长度和阅读速度的问题。' }]);
  const home = mkdtempSync(join(tmpdir(), 'e2e-progress-'));
  server = startCli(['serve'], { CAPTIONER_HOME: home, DASHSCOPE_API_KEY: 'sk-test', DASHSCOPE_BASE_URL: emu.baseUrl });
  const deadline = Date.now() + 20_000;
  while (!/http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.test(server.output()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const url = /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(server.output())?.[0];
  if (!url) throw new Error(`captioner serve did not print its URL: ${server.output()}`);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  page = await browser.newPage({ viewport: { width: 1360, height: 820 } });
  await page.goto(url);
});

afterAll(async () => {
  await browser?.close();
  server?.child.kill('SIGTERM');
  await server?.done;
  await emu?.close();
});

describe('issue 10 screens', () => {
  it('shows a falling ETA while the service queues the task, in both languages and themes', async () => {
    const root = mkdtempSync(join(tmpdir(), 'e2e-progress-media-'));
    const file = wrap(speech(['A queued file.']), join(root, 'lecture.mp4'), { ext: 'mp4' });
    await page.locator('nav.nav button').first().waitFor();
    await dropFile(page, file, 'lecture.mp4');
    const stage = page.locator('[data-testid="job-row"] .stage');
    await expect.poll(() => stage.innerText(), { timeout: 30_000 }).toMatch(/Queued at the service · \d+% · (\d+m )?\d+s left/);
    const seconds = (s: string): number => {
      const m = /(?:(\d+)m )?(\d+)s left/.exec(s);
      return m ? Number(m[1] ?? 0) * 60 + Number(m[2]) : NaN;
    };
    const first = seconds(await stage.innerText());
    await expect.poll(async () => seconds(await stage.innerText()), { timeout: 15_000 }).toBeLessThan(first);
    for (const [lang, theme] of COMBOS) {
      await look(lang, theme);
      await page.screenshot({ path: join(SHOTS, `i10-settings-${lang}-${theme}.png`), fullPage: true });
      await page.getByRole('button', { name: NAV[lang].queue }).click();
      await expect.poll(() => stage.innerText(), { timeout: 15_000 }).toMatch(lang === 'en' ? /left/ : /服务端排队中 · \d+% · 剩余/);
      await page.screenshot({ path: join(SHOTS, `i10-queue-eta-${lang}-${theme}.png`) });
    }
  });
});

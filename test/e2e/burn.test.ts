import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src-main/node/db/connection';
import { SettingsRepo } from '../../src-main/node/db/repos/settings';
import { runCli, startCli } from '../helpers/cli';

/**
 * The burn-in dialog in Debian's Chromium against `captioner serve`: the preview is a real frame
 * of the user's video with the style drawn by ffmpeg/libass, the burn runs with progress and
 * writes the video; screenshots in English and Chinese, light and dark (test-output/screens).
 */
const ROOT = join(import.meta.dirname, '..', '..');
const SHOTS = join(ROOT, 'test-output', 'screens');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let browser: Browser;
let page: Page;
let server: ReturnType<typeof startCli>;
let home: string;
let media: string;
/** Every WebSocket frame between the page and `captioner serve`, both ways. */
const frames: { dir: 'sent' | 'received'; text: string }[] = [];

async function openDialog(): Promise<void> {
  await page.locator('nav.nav button').nth(1).click(); // Queue, Library, Settings
  await page.getByTestId('library-row').first().click();
  await page.getByTestId('cue-row').first().waitFor();
  await page.getByTestId('burn-open').click();
  await page.getByTestId('burn-preview').waitFor({ timeout: 60_000 });
  await expect.poll(() => page.getByTestId('burn-preview').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
}

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'out', 'renderer', 'index.html'))) throw new Error('Build the UI first: npm run build:ui');
  mkdirSync(SHOTS, { recursive: true });
  home = mkdtempSync(join(tmpdir(), 'e2e-burn-home-'));
  media = mkdtempSync(join(tmpdir(), 'e2e-burn-媒体 '));
  const video = join(media, '双语 talk.mp4');
  execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=25:d=6', '-f', 'lavfi', '-i', 'sine=f=300:d=6', '-shortest', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-y', video]);
  writeFileSync(join(media, '双语 talk.srt'), '1\n00:00:00,500 --> 00:00:02,500\n欢迎收看本期节目\nWelcome to the show\n\n2\n00:00:03,000 --> 00:00:05,500\n字幕会烧录进画面\nCaptions are burned into the picture\n');
  const imp = await runCli(['library', 'import', join(media, '双语 talk.srt')], { CAPTIONER_HOME: home });
  if (imp.code !== 0) throw new Error(imp.stderr);
  server = startCli(['serve'], { CAPTIONER_HOME: home });
  const deadline = Date.now() + 30_000;
  while (!/http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.test(server.output()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const url = /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(server.output())?.[0];
  if (!url) throw new Error(`captioner serve did not print its URL: ${server.output()}`);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  page.on('websocket', (ws) => {
    ws.on('framesent', (f) => void frames.push({ dir: 'sent', text: String(f.payload) }));
    ws.on('framereceived', (f) => void frames.push({ dir: 'received', text: String(f.payload) }));
  });
  await page.goto(url);
});

afterAll(async () => {
  await browser?.close();
  server?.child.kill('SIGTERM');
  await server?.done;
});

describe('burn-in dialog in Chromium', () => {
  it('previews the bilingual style on the video, burns it with progress, in both languages and themes', async () => {
    await openDialog();
    // A bilingual track: the bilingual preset is proposed, the preview shows a cue with both languages.
    await expect.poll(() => page.getByRole('radio', { name: 'Bilingual' }).getAttribute('aria-checked')).toBe('true');
    expect(await page.getByTestId('burn-output').innerText()).toBe(join(media, '双语 talk.captioned.mp4'));
    await page.screenshot({ path: join(SHOTS, 'burn-1-preview-en-light.png') });
    await page.getByRole('button', { name: 'Edit style…' }).click();
    await page.getByLabel('Background box').check();
    await page.getByTestId('burn-preview').waitFor();
    await page.waitForTimeout(100);
    await expect.poll(() => page.locator('.burn-frame').getAttribute('aria-busy'), { timeout: 30_000 }).toBe('false');
    await page.screenshot({ path: join(SHOTS, 'burn-2-editor-en-light.png') });
    // Progress is pushed (burn:update), not polled: the page reads the job once at most while it renders.
    frames.length = 0;
    await page.getByTestId('burn-start').click();
    await page.waitForSelector('[data-testid="burn-status"][data-stage="done"]', { timeout: 120_000 });
    expect(frames.filter((f) => f.dir === 'sent' && f.text.includes('"burn:get"')).length).toBeLessThanOrEqual(1);
    const updates = frames.filter((f) => f.dir === 'received' && f.text.includes('"burn:update"')).map((f) => (JSON.parse(f.text) as { payload: { stage: string } }).payload.stage);
    expect(updates).toContain('rendering');
    expect(updates.at(-1)).toBe('done');
    expect(await page.getByTestId('burn-status').innerText()).toContain(`Saved: ${join(media, '双语 talk.captioned.mp4')}`);
    expect(readdirSync(media).sort()).toEqual(['双语 talk.captioned.mp4', '双语 talk.mp4', '双语 talk.srt']);
    // The result plays in the dialog, served by the loopback media server (the player's menu downloads it).
    await page.getByTestId('burn-result').waitFor();
    expect(await page.getByTestId('burn-result').getAttribute('src')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    await page.screenshot({ path: join(SHOTS, 'burn-3-done-en-light.png') });
    // The edited style is kept in settings for next time.
    const db = openDb(join(home, 'library.db'));
    const settings = new SettingsRepo(db);
    expect(settings.get('burnStyle')).toMatchObject({ preset: 'custom', main: { borderStyle: 3 } });

    for (const [lang, theme] of [['en', 'dark'], ['zh-CN', 'light'], ['zh-CN', 'dark']] as const) {
      settings.set('uiLanguage', lang);
      settings.set('theme', theme);
      await page.reload();
      await openDialog();
      await page.screenshot({ path: join(SHOTS, `burn-preview-${lang}-${theme}.png`) });
    }
    expect(await page.getByTestId('burn-dialog').innerText()).toContain('将字幕烧录到视频中');
    db.close();
  });
});

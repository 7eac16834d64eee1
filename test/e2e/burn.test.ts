import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../src-main/node/db/connection';
import { SettingsRepo } from '../../src-main/node/db/repos/settings';
import { appSession, LOOKS } from '../helpers/app-session';
import { runCli } from '../helpers/cli';

/**
 * The burn-in dialog in Debian's Chromium against `captioner serve`: the preview is a real frame
 * of the user's video with the style drawn by ffmpeg/libass, the burn runs with progress and
 * writes the video; screenshots in English and Chinese, light and dark (test-output/screens).
 */
let media: string;
/** Every WebSocket frame between the page and `captioner serve`, both ways. */
const frames: { dir: 'sent' | 'received'; text: string }[] = [];

const app = appSession({
  name: 'e2e-burn-home',
  emulator: false,
  viewport: { width: 1360, height: 900 },
  onPage(page) {
    page.on('websocket', (ws) => {
      ws.on('framesent', (f) => void frames.push({ dir: 'sent', text: String(f.payload) }));
      ws.on('framereceived', (f) => void frames.push({ dir: 'received', text: String(f.payload) }));
    });
  },
  async prepare({ home }) {
    media = mkdtempSync(join(tmpdir(), 'e2e-burn-媒体 '));
    const video = join(media, '双语 talk.mp4');
    execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=25:d=6', '-f', 'lavfi', '-i', 'sine=f=300:d=6', '-shortest', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-y', video]);
    writeFileSync(join(media, '双语 talk.srt'), '1\n00:00:00,500 --> 00:00:02,500\n欢迎收看本期节目\nWelcome to the show\n\n2\n00:00:03,000 --> 00:00:05,500\n字幕会烧录进画面\nCaptions are burned into the picture\n');
    const imp = await runCli(['library', 'import', join(media, '双语 talk.srt')], { CAPTIONER_HOME: home });
    if (imp.code !== 0) throw new Error(imp.stderr);
  },
});

async function openDialog(): Promise<void> {
  await app.nav('library');
  await app.page.getByTestId('library-row').first().click();
  await app.page.getByTestId('cue-row').first().waitFor();
  await app.page.getByTestId('burn-open').click();
  await app.page.getByTestId('burn-preview').waitFor({ timeout: 60_000 });
  await expect.poll(() => app.page.getByTestId('burn-preview').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
}

describe('burn-in dialog in Chromium', () => {
  it('previews the bilingual style on the video, burns it with progress, in both languages and themes', async () => {
    await openDialog();
    // A bilingual track: the bilingual preset is proposed, the preview shows a cue with both languages.
    await expect.poll(() => app.page.getByRole('radio', { name: 'Bilingual' }).getAttribute('aria-checked')).toBe('true');
    expect(await app.page.getByTestId('burn-output').innerText()).toBe(join(media, '双语 talk.captioned.mp4'));
    await app.shot('burn-1-preview-en-light');
    await app.page.getByRole('button', { name: 'Edit style…' }).click();
    await app.page.getByLabel('Background box').check();
    await app.page.getByTestId('burn-preview').waitFor();
    await app.page.waitForTimeout(100);
    await expect.poll(() => app.page.locator('.burn-frame').getAttribute('aria-busy'), { timeout: 30_000 }).toBe('false');
    await app.shot('burn-2-editor-en-light');
    // Progress is pushed (burn:update), not polled: the page reads the job once at most while it renders.
    frames.length = 0;
    await app.page.getByTestId('burn-start').click();
    await app.page.waitForSelector('[data-testid="burn-status"][data-stage="done"]', { timeout: 120_000 });
    expect(frames.filter((f) => f.dir === 'sent' && f.text.includes('"burn:get"')).length).toBeLessThanOrEqual(1);
    const updates = frames.filter((f) => f.dir === 'received' && f.text.includes('"burn:update"')).map((f) => (JSON.parse(f.text) as { payload: { stage: string } }).payload.stage);
    expect(updates).toContain('rendering');
    expect(updates.at(-1)).toBe('done');
    expect(await app.page.getByTestId('burn-status').innerText()).toContain(`Saved: ${join(media, '双语 talk.captioned.mp4')}`);
    expect(readdirSync(media).sort()).toEqual(['双语 talk.captioned.mp4', '双语 talk.mp4', '双语 talk.srt']);
    // The result plays in the dialog, served by the loopback media server (the player's menu downloads it).
    await app.page.getByTestId('burn-result').waitFor();
    expect(await app.page.getByTestId('burn-result').getAttribute('src')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    await app.shot('burn-3-done-en-light');
    // The edited style is kept in settings for next time.
    const db = openDb(join(app.home, 'library.db'));
    const settings = new SettingsRepo(db);
    const burnStyle = settings.get('burnStyle');
    db.close();
    expect(burnStyle).toMatchObject({ preset: 'custom', main: { borderStyle: 3 } });

    for (const [lang, theme] of LOOKS.filter(([l, t]) => l !== 'en' || t !== 'light')) {
      await app.useLook(lang, theme);
      await openDialog();
      await app.shot(`burn-preview-${lang}-${theme}`);
    }
    expect(await app.page.getByTestId('burn-dialog').innerText()).toContain('将字幕烧录到视频中');
  });
});

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchTrack } from '../../bench/fixtures';
import { openDb } from '../../src-main/node/db/connection';
import { TranscriptsRepo } from '../../src-main/node/db/repos/transcripts';
import { appSession, ROOT } from '../helpers/app-session';
import { runCli } from '../helpers/cli';
import { dropFile } from './drop';
import { speech, wrap } from '../helpers/media';

/**
 * The real UI in Debian's Chromium against `captioner serve` and the emulator: drop a file, wait
 * for the job, edit a cue, search the library, export. Screenshots go to test-output/screens.
 */
const sentences = ['Welcome to the interface test.', 'Captions appear in the editor.', 'Thank you for watching.'];

const app = appSession({ name: 'e2e-home', prepare: ({ emu }) => emu.script({ urlContains: '' }, sentences.map((text) => ({ text }))) });

const drop = (file: string, name: string): Promise<void> => dropFile(app.page, file, name);
let firstVideo = '';

describe('Captioner UI in Chromium', () => {
  it('rejects the WebSocket and uploads without the token', async () => {
    const port = app.served.port;
    const res = await fetch(`http://127.0.0.1:${port}/upload?name=x.mp4`, { method: 'POST', body: 'x' });
    expect(res.status).toBe(403);
    const csp = (await fetch(`http://127.0.0.1:${port}/`)).headers.get('content-security-policy');
    expect(csp).toContain("script-src 'self'");
    // While serve drives this library's jobs, a CLI run on it is refused (it would resume them too).
    const cli = await runCli(['caption', join(ROOT, 'package.json')], { CAPTIONER_HOME: app.home, DASHSCOPE_API_KEY: 'sk-test', DASHSCOPE_BASE_URL: app.emu.baseUrl });
    expect([cli.code, cli.stderr]).toEqual([1, expect.stringMatching(/Another Captioner \(captioner serve, pid \d+\) is working on this library.*\[LIBRARY_BUSY\]/)]);
  });

  it('drops a file, runs the job and opens the editor', async () => {
    await app.page.getByRole('heading', { name: 'Queue' }).waitFor();
    await app.shot('1-queue-empty');
    const video = wrap(speech(sentences), join(mkdtempSync(join(tmpdir(), 'e2e-media-')), '界面 test.mp4'), { ext: 'mp4' });
    firstVideo = video;
    await drop(video, '界面 test.mp4');
    const row = app.page.getByTestId('job-row').first();
    await row.waitFor();
    await app.page.waitForSelector('[data-testid="job-row"][data-stage="done"]', { timeout: 60_000 });
    await app.shot('2-queue-done');
    // Dropped again: the finished transcript is offered; nothing is submitted.
    const submits = app.emu.stats.submits;
    await drop(video, '界面 test.mp4');
    await app.page.getByTestId('existing-row').waitFor();
    expect(await app.page.getByTestId('existing').innerText()).toMatch(/Already transcribed: nothing was billed for this file[\s\S]*界面 test[\s\S]*Transcribe again/);
    expect(app.emu.stats.submits).toBe(submits);
    await app.shot('2b-queue-existing-en-light');
    await app.page.getByRole('button', { name: 'Dismiss 界面 test' }).click();
    await expect.poll(() => app.page.getByTestId('existing-row').count()).toBe(0);
    await row.getByRole('button', { name: 'Open' }).click();
    await app.page.getByTestId('cue-row').first().waitFor();
    expect(await app.page.getByTestId('cue-row').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('Captions appear in the editor.')]));
    await app.shot('3-editor');
  });

  it('edits a cue, saves it at once, and undo/redo work', async () => {
    const first = app.page.getByTestId('cue-row').first();
    await first.dblclick();
    const box = first.locator('textarea');
    await box.fill('Welcome to the edited test.');
    await box.press('Enter');
    await expect.poll(() => first.innerText()).toContain('edited');
    await expect.poll(() => app.page.getByTestId('save-state').innerText()).toBe('Saved');
    await app.page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => first.innerText()).toContain('Welcome to the interface test.');
    await app.page.getByRole('button', { name: 'Redo' }).click();
    await expect.poll(() => first.innerText()).toContain('edited');
    await expect.poll(() => app.page.getByTestId('save-state').innerText()).toBe('Saved');
    await app.shot('4-editor-edited');
  });

  it('finds the next cue containing a text with Enter', async () => {
    await app.page.getByRole('searchbox', { name: 'Find' }).fill('thank');
    await app.page.getByRole('searchbox', { name: 'Find' }).press('Enter');
    await expect.poll(() => app.page.locator('[data-testid="cue-row"][aria-selected="true"]').innerText()).toContain('Thank you for watching.');
    await app.page.getByRole('searchbox', { name: 'Find' }).fill('');
    await app.page.getByTestId('cue-row').first().click();
  });

  it('drags a cue edge on the waveform and nudges a start by keyboard', async () => {
    const first = app.page.getByTestId('cue-row').first();
    const endOf = () => first.locator('.end').evaluate((el) => el.querySelector('input')?.value ?? el.textContent ?? '');
    const startOf = () => first.locator('.start').evaluate((el) => el.querySelector('input')?.value ?? el.textContent ?? '');
    const endBefore = await endOf();
    const box = (await app.page.locator('.wave canvas').boundingBox())!;
    // The waveform shows 20 s from the start here; the first cue ends at 0:02.620.
    const xOf = (ms: number) => box.x + (ms / 20_000) * box.width;
    const endMs = Number(/(\d+)\.(\d{3})$/.exec(endBefore)!.slice(1).join(''));
    await app.page.mouse.move(xOf(endMs), box.y + box.height / 2);
    await app.page.mouse.down();
    await app.page.mouse.move(xOf(endMs + 300), box.y + box.height / 2, { steps: 5 });
    await app.page.mouse.up();
    await expect.poll(endOf).not.toBe(endBefore);
    const endAfter = Number(/(\d+)\.(\d{3})$/.exec(await endOf())!.slice(1).join(''));
    expect(Math.abs(endAfter - (endMs + 300))).toBeLessThan(80);
    await first.click();
    const startBefore = await startOf();
    await app.page.keyboard.press('Alt+ArrowRight');
    await expect.poll(startOf).not.toBe(startBefore);
    await app.page.getByRole('button', { name: 'Undo' }).click();
    await app.page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(endOf).toBe(endBefore);
  });

  it('proposes a term corrected twice as a hotword, and learns it', async () => {
    for (const [k, text] of [[1, 'Captions appear in Captioner.'], [2, 'Thank you for Captioner.']] as const) {
      const row = app.page.getByTestId('cue-row').nth(k);
      await row.dblclick();
      await row.locator('textarea').fill(text);
      await row.locator('textarea').press('Enter');
    }
    const banner = app.page.getByTestId('hotword-proposal');
    await banner.waitFor();
    expect(await banner.innerText()).toContain('“Captioner”');
    await app.shot('4b-editor-hotword-proposal');
    await banner.getByRole('button', { name: 'Add' }).click();
    await app.page.getByRole('status').filter({ hasText: 'will be used on the next job' }).waitFor();
    await app.page.getByRole('button', { name: 'Undo' }).click();
    await app.page.getByRole('button', { name: 'Undo' }).click();
  });

  it('exports SRT after showing the QC summary, with the edit in it', async () => {
    await app.page.getByRole('button', { name: 'Export' }).first().click();
    await app.page.getByTestId('qc-summary').waitFor();
    await app.shot('5-export-dialog');
    const download = app.page.waitForEvent('download');
    await app.page.locator('dialog').getByRole('button', { name: 'Export' }).click();
    const file = await (await download).path();
    const srt = readFileSync(file, 'utf8');
    expect(srt).toMatch(/^1\n\d\d:\d\d:\d\d,\d{3} --> /);
    expect(srt).toContain('Welcome to the edited test.');
    expect((await download).suggestedFilename()).toBe('界面 test.srt');
  });

  it('finds the edit in the library and opens the editor at that moment', async () => {
    await app.page.getByRole('button', { name: 'Library' }).first().click();
    await app.page.getByTestId('library-row').first().waitFor();
    await app.shot('6-library');
    // Re-export straight from the library, QC summary first.
    await app.page.getByRole('button', { name: 'Export 界面 test' }).click();
    await app.page.getByTestId('qc-summary').waitFor();
    const download = app.page.waitForEvent('download');
    await app.page.locator('dialog').getByRole('button', { name: 'Export' }).click();
    expect(readFileSync(await (await download).path(), 'utf8')).toContain('Welcome to the edited test.');
    await app.page.getByRole('searchbox').fill('edited test');
    const hit = app.page.getByTestId('search-hit').first();
    await hit.waitFor();
    expect(await hit.innerText()).toContain('edited test');
    await app.shot('7-library-search');
    await hit.click();
    await app.page.locator('[data-testid="cue-row"][aria-selected="true"]').waitFor();
  });

  it('imports a dropped SRT file and opens it in the editor', async () => {
    const b64 = readFileSync(join(ROOT, 'test', 'fixtures', 'subtitles', 'zh-gb18030.srt')).toString('base64');
    await app.page.evaluate(
      ({ b64, name }) => {
        const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const dt = new DataTransfer();
        dt.items.add(new File([bytes], name, { type: 'application/x-subrip' }));
        (document.querySelector('.shell') as HTMLElement).dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      },
      { b64, name: 'meeting.srt' },
    );
    await app.page.getByRole('status').filter({ hasText: 'Imported 2 cues' }).waitFor();
    await app.page.getByTestId('cue-row').filter({ hasText: '这个季度的目标是什么？' }).waitFor();
  });

  it('keeps the editor light with 15,000 cues: only visible rows exist, edits still save', async () => {
    const db = openDb(join(app.home, 'library.db')); // the same library file the server has open (WAL)
    new TranscriptsRepo(db, Date.now).create({ title: 'Twelve-hour marathon', track: benchTrack(15_000), presetId: 'netflix-en', durationMs: 45_000_000 });
    db.close();
    await app.page.getByRole('button', { name: 'Library' }).first().click();
    await app.page.getByRole('searchbox').fill('');
    await app.page.getByText('Twelve-hour marathon').click();
    await app.page.getByTestId('cue-row').first().waitFor();
    expect(await app.page.getByTestId('cue-row').count()).toBeLessThan(60);
    await app.page.locator('.cue-list').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await app.page.locator('[data-testid="cue-row"][data-cue-id="c15000"]').waitFor();
    expect(await app.page.getByTestId('cue-row').count()).toBeLessThan(60);
    const last = app.page.locator('[data-testid="cue-row"][data-cue-id="c15000"]');
    await last.dblclick();
    await last.locator('textarea').fill('The very last cue, edited.');
    await last.locator('textarea').press('Enter');
    await expect.poll(() => app.page.getByTestId('save-state').innerText(), { timeout: 10_000 }).toBe('Saved');
    await app.shot('10-editor-15000-cues');
    const check = openDb(join(app.home, 'library.db'));
    const text = (check.prepare("SELECT text FROM cues WHERE id = 'c15000'").get() as { text: string }).text;
    check.close();
    expect(text).toBe('The very last cue, edited.');
  });

  it('shows settings, and switches to Chinese and a dark theme', async () => {
    await app.page.getByRole('button', { name: 'Settings' }).click();
    await app.page.getByLabel('API key').waitFor();
    await app.shot('8-settings');
    await app.page.getByText('Learned from your corrections').scrollIntoViewIfNeeded();
    expect(await app.page.locator('.form').innerText()).toContain('Captioner');
    await app.shot('8b-settings-quick-hotwords');
    await app.page.getByLabel('Theme').selectOption('dark');
    await app.page.getByLabel('Language', { exact: true }).selectOption('zh-CN');
    await app.page.getByRole('heading', { name: '设置' }).waitFor();
    await app.page.getByRole('button', { name: '任务队列' }).click();
    await app.shot('9-queue-zh-dark');
    expect(await app.page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
  });

  it('offers an already transcribed file in Chinese and English, light and dark, and transcribes it again on request', async () => {
    await drop(firstVideo, '界面 test.mp4');
    await app.page.getByTestId('existing-row').waitFor();
    expect(await app.page.getByTestId('existing').innerText()).toContain('已转写过（未再次计费）：1 个文件');
    await app.shot('11-queue-existing-zh-dark');
    await app.page.getByRole('button', { name: '设置' }).click();
    await app.page.getByLabel('主题').selectOption('light');
    await app.page.getByRole('button', { name: '任务队列' }).click();
    await app.shot('11-queue-existing-zh-light');
    await app.page.getByRole('button', { name: '设置' }).click();
    await app.page.getByLabel('主题').selectOption('dark');
    await app.page.getByLabel('语言', { exact: true }).selectOption('en');
    await app.page.getByRole('heading', { name: 'Settings' }).waitFor();
    await app.page.getByRole('button', { name: 'Queue' }).click();
    await app.shot('11-queue-existing-en-dark');
    const submits = app.emu.stats.submits;
    await app.page.getByTestId('existing-row').getByRole('button', { name: 'Transcribe again' }).click();
    await expect.poll(() => app.page.getByTestId('existing-row').count()).toBe(0);
    await expect.poll(() => app.emu.stats.submits, { timeout: 30_000 }).toBe(submits + 1);
  });
});

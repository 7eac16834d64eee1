import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Track } from '../../src-main/shared/captions/model';
import { openDb } from '../../src-main/node/db/connection';
import { StateRepo } from '../../src-main/node/db/repos/state';
import { TranscriptsRepo } from '../../src-main/node/db/repos/transcripts';
import { appSession } from '../helpers/app-session';
import { dropFile } from './drop';
import { speech, wrap } from '../helpers/media';

/**
 * The professional editor in Debian's Chromium against `captioner serve` and the emulator: every
 * operation is driven through the real UI and checked in the grid (times, text, QC badges), the
 * export file and the library. Screenshots of a 2-hour transcript go to test-output/screens.
 */
const sentences = [
  'Welcome everyone to this lecture about captions and subtitles.',
  'Captions help people follow every word that is spoken.',
  'Good caption timing matters as much as the right words.',
  'Thank you for watching and see you next time.',
];
const FLASH_TEXT = 'Freshly transcribed words replace this span.';
const GAP_MS = 83; // netflix-en: two frames at 24 fps

const app = appSession({
  name: 'e2e-pro-home',
  viewport: { width: 1440, height: 860 },
  browserArgs: ['--autoplay-policy=no-user-gesture-required'],
  async prepare({ emu }) {
    // The newest script is tried first: quick-mode calls get their own text.
    await emu.script({ urlContains: '' }, sentences.map((text) => ({ text })));
    await emu.script({ urlContains: 'flash:' }, [{ text: FLASH_TEXT }]);
  },
});

const rows = () => app.page.getByTestId('cue-row');
const row = (k: number) => rows().nth(k);
const ms = (s: string): number => {
  const m = /^(?:(\d+):)?(\d+):(\d{2})\.(\d{3})$/.exec(s);
  if (!m) throw new Error(`not a cue time: ${s}`);
  return ((Number(m[1] ?? 0) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000 + Number(m[4]);
};
/** A cell shows its time as text, or in a text box on the selected row. */
const cellTime = async (r: Locator, col: 'start' | 'end') => ms(await r.locator(`.${col}`).evaluate((el) => el.querySelector('input')?.value ?? el.textContent ?? ''));
const timesOf = async (r: Locator) => ({ start: await cellTime(r, 'start'), end: await cellTime(r, 'end') });
const texts = async () => (await rows().locator('.text').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
const saved = () => expect.poll(() => app.page.getByTestId('save-state').innerText(), { timeout: 10_000 }).toBe('Saved');
/** The waveform's time at an x offset, and back, from the view it reports. */
async function wave() {
  const canvas = app.page.locator('.wave canvas');
  const box = (await canvas.boundingBox())!;
  const view = Number(await canvas.getAttribute('data-view'));
  const span = Number(await canvas.getAttribute('data-span'));
  return { box, view, span, x: (t: number) => box.x + ((t - view) / span) * box.width, y: box.y + box.height / 2 };
}

/** A 2-hour talk with two speakers, word times on every other cue, English and Chinese. */
function longTrack(): Track {
  const en = ['So the first thing to understand is how the pipeline fits together.', 'We extract the audio, send it to the service and wait for the words.', 'Then every sentence becomes a caption that follows the guideline.', 'Questions are welcome at any point, just raise your hand.'];
  const zh = ['大家好，今天我们讨论字幕的时间轴。', '每一条字幕都要让观众读得完。', '接下来我们看一个具体的例子。'];
  const cues: Track['cues'] = [];
  for (let k = 0, t = 1200; t < 7_190_000; k++) {
    const text = k % 9 === 4 ? (zh[k % zh.length] as string) : (en[k % en.length] as string);
    const dur = 2400 + ((k * 37) % 1800);
    const ws = text.includes(' ') ? text.split(' ') : [];
    const words = k % 2 ? [] : ws.map((w, i) => ({ start: t + Math.round((i * dur) / ws.length), end: t + Math.round(((i + 1) * dur) / ws.length) - 20, text: w.replace(/[.,]$/, ''), punct: /[.,]$/.test(w) ? w.slice(-1) : '' }));
    const half = Math.ceil(ws.length / 2);
    const lines = ws.length > 7 ? [ws.slice(0, half).join(' '), ws.slice(half).join(' ')] : [text];
    cues.push({ id: `c${k + 1}`, start: t, end: t + dur, lines, words, speaker: k % 7 < 4 ? 0 : 1 });
    t += dur + (k % 11 === 10 ? 6000 : 400);
  }
  return { language: 'en', speakers: [{ id: 0, name: 'Dr. Wang' }, { id: 1, name: 'Alex' }], cues };
}

/** 2 h of test pattern at 1 fps with a pulsing tone: cheap to make (cached) and to decode. */
function longVideo(): string {
  const out = join(tmpdir(), 'captioner-test-media', 'long-2h-v1.mp4');
  if (!existsSync(out)) {
    mkdirSync(join(tmpdir(), 'captioner-test-media'), { recursive: true });
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=1', '-f', 'lavfi', '-i', "aevalsrc='0.5*sin(2*PI*180*t)*(0.55+0.45*sin(2*PI*0.23*t))*gt(sin(2*PI*0.31*t),-0.6)':s=8000",
      '-t', '7200', '-map', '0:v', '-map', '1:a', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '24k', `${out}.tmp.mp4`]);
    execFileSync('mv', [`${out}.tmp.mp4`, out]);
  }
  return out;
}

describe('the professional editor in Chromium', () => {
  it('opens a transcribed video in the grid with named columns', async () => {
    await app.page.getByRole('heading', { name: 'Queue' }).waitFor();
    // Long pauses between sentences leave free time on the waveform.
    const video = wrap(speech(sentences, { gapMs: 3000 }), join(mkdtempSync(join(tmpdir(), 'e2e-pro-media-')), 'lecture.mp4'), { ext: 'mp4' });
    await dropFile(app.page, video, 'lecture.mp4');
    await app.page.waitForSelector('[data-testid="job-row"][data-stage="done"]', { timeout: 90_000 });
    await app.page.getByTestId('job-row').first().getByRole('button', { name: 'Open' }).click();
    await row(0).waitFor();
    expect(await rows().count()).toBe(4);
    const grid = app.page.getByRole('grid');
    expect(await grid.getByRole('columnheader').allInnerTexts()).toEqual(['#', 'Start', 'End', 'Dur', 'CPS', 'CPL', 'Speaker', 'Text', 'QC']);
    // The media's frame rate (25 fps test pattern) arrives with the speech analysis.
    await expect.poll(() => app.page.getByTestId('playhead').innerText(), { timeout: 30_000 }).toContain('25 fps');
    await app.shot('pro-1-editor');
  });

  it('splits at the playhead leaving the preset gap and no gap or overlap finding', async () => {
    const before = await timesOf(row(0));
    // Clicking a word puts the playhead at its start.
    const word = row(0).locator('.word').nth(5);
    const at = ms((await word.getAttribute('title'))!);
    await word.click();
    await app.page.keyboard.press('Control+Enter');
    await expect.poll(() => rows().count()).toBe(5);
    const [a, b] = [await timesOf(row(0)), await timesOf(row(1))];
    expect(a.start).toBe(before.start);
    expect(b.end).toBe(before.end);
    expect(b.start).toBe(at);
    expect(b.start - a.end).toBe(GAP_MS);
    const t = await texts();
    expect(t[0]).toBe('Welcome everyone to this lecture');
    expect(t[1]).toMatch(/^about captions and subtitles\./);
    for (const k of [0, 1]) expect(await row(k).locator('.qc').innerText()).not.toMatch(/gap|overlap/);
    await saved();
    await app.page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => rows().count()).toBe(4);
  });

  it('takes typed times in the grid, and sets start and end at the playhead', async () => {
    const r = row(1);
    const { end } = await timesOf(r);
    await r.click(); // the selected row's times are text boxes
    const start = r.locator('.start input');
    await start.fill('0:07.250');
    await start.press('Enter');
    await expect.poll(async () => (await timesOf(r)).start).toBe(7250);
    const endBox = r.locator('.end input');
    await endBox.fill(`${end + 300}ms`);
    await endBox.press('Enter');
    await expect.poll(async () => (await timesOf(r)).end).toBe(end + 300);
    await endBox.fill('nonsense');
    await endBox.press('Enter');
    await app.page.getByRole('status').filter({ hasText: '“nonsense” is not a time' }).waitFor();
    expect((await timesOf(r)).end).toBe(end + 300);
    // Set start / set end at the playhead (F11 / F12), the playhead put on a word.
    const words = row(2).locator('.word');
    const w1 = ms((await words.nth(1).getAttribute('title'))!);
    await words.nth(1).click();
    await app.page.keyboard.press('F11');
    await expect.poll(async () => (await timesOf(row(2))).start).toBe(w1);
    const w4 = ms((await words.nth(4).getAttribute('title'))!);
    await words.nth(4).click();
    await app.page.keyboard.press('F12');
    await expect.poll(async () => (await timesOf(row(2))).end).toBe(w4);
    await saved();
    for (let i = 0; i < 4; i++) await app.page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(async () => (await timesOf(r)).end).toBe(end);
  });

  it('zooms the waveform with keys, buttons and Ctrl+wheel', async () => {
    await row(0).click();
    const label = app.page.getByTestId('wave-window');
    expect(await label.innerText()).toBe('20 s');
    await app.page.keyboard.press('=');
    await expect.poll(() => label.innerText()).toBe('10 s');
    await app.page.getByRole('button', { name: 'Zoom out' }).click();
    await app.page.getByRole('button', { name: 'Zoom out' }).click();
    await expect.poll(() => label.innerText()).toBe('40 s');
    const w = await wave();
    await app.page.mouse.move(w.box.x + w.box.width / 2, w.y);
    await app.page.keyboard.down('Control');
    await app.page.mouse.wheel(0, -200);
    await app.page.keyboard.up('Control');
    await expect.poll(() => label.innerText()).toBe('32 s');
    await app.shot('pro-2-waveform-zoomed');
    await app.page.keyboard.press('=');
    await expect.poll(() => label.innerText()).toBe('16 s');
  });

  it('draws a new cue by dragging on empty waveform, kept off its neighbours, text box open', async () => {
    await row(0).click();
    const [a, b] = [await timesOf(row(0)), await timesOf(row(1))];
    expect(b.start - a.end).toBeGreaterThan(1500);
    const w = await wave();
    await app.page.mouse.move(w.x(a.end + 400), w.y);
    await app.page.mouse.down();
    await app.page.mouse.move(w.x(b.start + 600), w.y, { steps: 6 }); // past the next cue: trimmed to the gap
    await app.page.mouse.up();
    await expect.poll(() => rows().count()).toBe(5);
    const made = await timesOf(row(1));
    expect(Math.abs(made.start - (a.end + 400))).toBeLessThan(60);
    expect(made.end).toBe(b.start - GAP_MS);
    const box = row(1).locator('textarea');
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    await box.fill('A cue drawn on the waveform.');
    await box.press('Enter');
    await expect.poll(async () => (await texts())[1]).toBe('A cue drawn on the waveform.');
    await saved();
    await app.page.getByRole('button', { name: 'Undo' }).click();
    await app.page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => rows().count()).toBe(4);
  });

  it('finds with match case and regex, counts "n of m" and highlights', async () => {
    const findBox = app.page.getByRole('searchbox', { name: 'Find' });
    await app.page.keyboard.press('Control+F');
    await expect.poll(() => findBox.evaluate((el) => el === document.activeElement)).toBe(true);
    await findBox.fill('caption');
    const count = app.page.getByTestId('find-count');
    await expect.poll(() => count.innerText()).toBe('3 matches');
    await findBox.press('Enter');
    await expect.poll(() => count.innerText()).toBe('1 of 3');
    await expect.poll(() => app.page.locator('.cue .text mark').count()).toBe(3);
    await expect.poll(() => app.page.locator('.cue .text mark.current').innerText()).toBe('caption');
    await findBox.press('Enter');
    await expect.poll(() => count.innerText()).toBe('2 of 3');
    await expect.poll(() => app.page.locator('[data-testid="cue-row"][aria-selected="true"] .text').innerText()).toContain('Captions help');
    // Match case: "caption" is in the first and third cues; the search goes on from the second.
    await app.page.getByRole('button', { name: 'Match case' }).click();
    await findBox.press('Enter');
    await expect.poll(() => count.innerText()).toBe('2 of 2');
    await findBox.fill('Caption');
    await findBox.press('Enter');
    await expect.poll(() => count.innerText()).toBe('1 of 1');
    await app.page.getByRole('button', { name: 'Match case' }).click();
    await app.page.getByRole('button', { name: 'Regular expression' }).click();
    await findBox.fill('^(captions|good)\\b');
    await findBox.press('Enter');
    await expect.poll(() => count.innerText()).toBe('1 of 2');
    await findBox.fill('caption(');
    await expect.poll(() => count.innerText()).toBe('Invalid pattern');
    await app.shot('pro-3-find');
    await app.page.getByRole('button', { name: 'Regular expression' }).click();
  });

  it('replaces all keeping capitals, and one undo takes it all back', async () => {
    const before = await texts();
    await app.page.getByRole('searchbox', { name: 'Find' }).fill('caption');
    await app.page.getByRole('textbox', { name: 'Replace with' }).fill('subtitle');
    await app.page.getByRole('button', { name: 'Replace all' }).click();
    await app.page.getByRole('status').filter({ hasText: '3 replaced' }).waitFor();
    const after = await texts();
    expect(after[0]).toContain('about subtitles and subtitles.');
    expect(after[1]).toMatch(/^Subtitles help people/);
    expect(after[2]).toMatch(/^Good subtitle timing/);
    await saved();
    await app.page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(texts).toEqual(before);
    await app.page.getByRole('searchbox', { name: 'Find' }).fill('');
    await app.page.getByRole('textbox', { name: 'Replace with' }).fill('');
  });

  it('exports exactly what is on screen, right after an edit', async () => {
    const r = row(3);
    await r.dblclick();
    await r.locator('textarea').fill('Thanks for watching, edited just now.');
    await r.locator('textarea').press('Enter');
    // No wait for "Saved": the export itself must make sure the edit is in.
    await app.page.getByRole('button', { name: 'Export' }).first().click();
    await app.page.getByTestId('qc-summary').waitFor();
    const download = app.page.waitForEvent('download');
    await app.page.locator('dialog').getByRole('button', { name: 'Export' }).click();
    const srt = readFileSync(await (await download).path(), 'utf8');
    expect(srt).toContain('Thanks for watching, edited just now.');
    expect(srt).not.toContain('Thank you for watching');
  });

  it('flags a stretch of speech no cue covers, on the waveform and in QC', async () => {
    expect(await app.page.getByTestId('missed-speech').count()).toBe(0);
    const gone = await timesOf(row(1));
    await row(1).click();
    await app.page.keyboard.press('Delete');
    const flag = app.page.getByTestId('missed-speech');
    await flag.waitFor();
    const text = await flag.innerText();
    const m = /possible missed speech (\d+):(\d{2})–(\d+):(\d{2})/.exec(text);
    expect(m).not.toBeNull();
    const [s, e] = [Number(m![1]) * 60 + Number(m![2]), Number(m![3]) * 60 + Number(m![4])];
    expect(s * 1000).toBeGreaterThanOrEqual(gone.start - 1500);
    expect(e * 1000).toBeLessThanOrEqual(gone.end + 1500);
    expect(e - s).toBeGreaterThanOrEqual(2);
    await app.shot('pro-4-missed-speech');
    await app.page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => flag.count()).toBe(0);
  });

  it('re-transcribes a selected cue with quick mode and replaces only that span', async () => {
    const before = await texts();
    const beforeTimes = await Promise.all([0, 1, 3].map((k) => timesOf(row(k))));
    const span = await timesOf(row(2));
    await row(2).click();
    await app.page.getByRole('button', { name: 'Re-transcribe' }).click();
    await app.page.getByRole('status').filter({ hasText: 're-transcribed' }).waitFor({ timeout: 30_000 });
    const after = await texts();
    expect(after).toEqual([before[0], before[1], FLASH_TEXT, before[3]]);
    expect(await Promise.all([0, 1, 3].map((k) => timesOf(row(k))))).toEqual(beforeTimes);
    const fresh = await timesOf(row(2));
    expect(fresh.start).toBeGreaterThanOrEqual(span.start);
    expect(fresh.end).toBeLessThanOrEqual(span.end);
    // One call to fun-asr-flash, with the audio of that span only (a few seconds of Opus).
    expect(app.emu.flashRequests).toHaveLength(1);
    expect(app.emu.flashRequests[0]!.audioBytes).toBeLessThan(60_000);
    await saved();
    await app.page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(texts).toEqual(before);
  });

  it('changes a shortcut in the ⌨ panel; the new key works and is kept', async () => {
    await app.page.getByRole('button', { name: 'Shortcuts' }).click();
    const dialog = app.page.locator('dialog.keymap');
    await dialog.waitFor();
    await app.shot('pro-5-shortcuts');
    await dialog.getByRole('button', { name: 'Change the keys for Insert at playhead' }).click();
    await app.page.keyboard.press('Alt+N');
    expect(await dialog.getByTestId('keys-insert').innerText()).toBe('Alt+N');
    // A key another command uses is refused.
    await dialog.getByRole('button', { name: 'Change the keys for Merge with next' }).click();
    await app.page.keyboard.press('Alt+N');
    await dialog.getByRole('alert').filter({ hasText: 'already used for “Insert at playhead”' }).waitFor();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await row(3).click();
    await app.page.keyboard.press('Alt+N');
    await expect.poll(() => rows().count()).toBe(5);
    await app.page.getByRole('button', { name: 'Undo' }).click();
    await app.page.keyboard.press('Control+I'); // the old key no longer inserts
    await app.page.waitForTimeout(200);
    expect(await rows().count()).toBe(4);
    // Kept across a reload.
    await app.page.goto(app.served.url);
    await app.page.getByRole('button', { name: 'Library' }).first().click();
    await app.page.getByText('lecture', { exact: false }).first().click();
    await row(0).waitFor();
    await app.page.getByRole('button', { name: 'Shortcuts' }).click();
    expect(await app.page.locator('dialog.keymap').getByTestId('keys-insert').innerText()).toBe('Alt+N');
    await app.page.locator('dialog.keymap').getByRole('button', { name: 'Close' }).click();
  });

  it('draws the spectrogram behind the waveform when switched on, and remembers the switch', async () => {
    const canvas = app.page.locator('.wave canvas');
    const toggle = app.page.getByRole('button', { name: 'Spectrogram' });
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    // Distinct colours in a thin strip across the canvas: the waveform alone has only a few.
    const colours = () =>
      canvas.evaluate((c: HTMLCanvasElement) => {
        const d = c.getContext('2d')!.getImageData(0, Math.floor(c.height * 0.1), c.width, 2).data;
        const seen = new Set<number>();
        for (let i = 0; i < d.length; i += 4) seen.add((d[i]! << 16) | (d[i + 1]! << 8) | d[i + 2]!);
        return seen.size;
      });
    const before = await colours();
    await toggle.click();
    await expect.poll(() => canvas.getAttribute('data-spectrogram'), { timeout: 30_000 }).toBe('drawn');
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    expect(await colours()).toBeGreaterThan(before + 20);
    await app.shot('pro-5b-spectrogram');
    // Remembered: the next editor opens with it.
    await app.page.getByRole('button', { name: '← Library' }).click();
    await app.page.getByText('lecture', { exact: false }).first().click();
    await row(0).waitFor();
    await expect.poll(() => canvas.getAttribute('data-spectrogram'), { timeout: 30_000 }).toBe('drawn');
    await app.page.getByRole('button', { name: 'Spectrogram' }).click();
    await expect.poll(() => canvas.getAttribute('data-spectrogram')).toBe('off');
  });

  it('stretches the selected cues from the first one’s start, as one undo step (box and keyboard)', async () => {
    await row(0).click();
    await app.page.keyboard.press('Control+A');
    await expect.poll(() => app.page.getByTestId('selection-count').innerText()).toBe('4 selected');
    const before = await Promise.all([0, 1, 2, 3].map((k) => timesOf(row(k))));
    const first = before[0]!.start;
    // Ctrl+Shift+T goes to the stretch box; Enter applies.
    await app.page.keyboard.press('Control+Shift+T');
    const box = app.page.getByRole('textbox', { name: 'Stretch the selection by a factor or to a new end time' });
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    await box.fill('110%');
    await box.press('Enter');
    await expect.poll(async () => (await timesOf(row(3))).end).toBe(Math.round(first + (before[3]!.end - first) * 1.1));
    expect((await timesOf(row(0))).start).toBe(first);
    expect((await timesOf(row(2))).start).toBe(Math.round(first + (before[2]!.start - first) * 1.1));
    // A new end time for the last cue shrinks them; the preset's gap stays between all of them.
    const end = before[3]!.end - 1500;
    await box.fill(`0:${String(Math.floor(end / 1000)).padStart(2, '0')}.${String(end % 1000).padStart(3, '0')}`);
    await app.page.getByRole('button', { name: 'Stretch', exact: true }).click();
    await expect.poll(async () => (await timesOf(row(3))).end).toBe(end);
    const after = await Promise.all([0, 1, 2, 3].map((k) => timesOf(row(k))));
    for (let k = 1; k < 4; k++) expect(after[k]!.start - after[k - 1]!.end).toBeGreaterThanOrEqual(GAP_MS);
    await saved();
    // Each stretch is one step back.
    await app.page.getByRole('button', { name: 'Undo' }).click();
    await app.page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => Promise.all([0, 1, 2, 3].map((k) => timesOf(row(k))))).toEqual(before);
    await saved();
  });

  it('remaps a key on the Settings shortcuts page, resets one, and the editor uses the new key', async () => {
    await app.page.getByRole('button', { name: 'Settings' }).click();
    const section = app.page.locator('section#shortcuts');
    await section.getByRole('heading', { name: 'Keyboard shortcuts' }).waitFor();
    // The same table as the ⌨ panel: the key changed there is shown here, and goes back to its default.
    expect(await section.getByTestId('keys-insert').innerText()).toBe('Alt+N');
    await section.getByRole('button', { name: 'Restore the default keys of Insert at playhead' }).click();
    await expect.poll(() => section.getByTestId('keys-insert').innerText()).toBe('Ctrl+I');
    await section.getByRole('button', { name: 'Change the keys for Merge with next' }).click();
    await app.page.keyboard.press('Control+I'); // taken by Insert: refused
    await section.getByRole('alert').filter({ hasText: 'already used for “Insert at playhead”' }).waitFor();
    await section.getByRole('button', { name: 'Change the keys for Merge with next' }).click();
    await app.page.keyboard.press('Alt+J');
    await expect.poll(() => section.getByTestId('keys-merge').innerText()).toBe('Alt+J');
    await app.page.getByRole('status').filter({ hasText: 'Shortcuts saved.' }).first().waitFor();
    await app.shot('pro-5c-settings-shortcuts');
    await app.page.getByRole('button', { name: 'Library' }).first().click();
    await app.page.getByText('lecture', { exact: false }).first().click();
    await row(0).waitFor();
    const first = (await texts())[0]!;
    await row(0).click();
    await app.page.keyboard.press('Alt+J');
    await expect.poll(() => rows().count()).toBe(3);
    expect((await texts())[0]!.startsWith(first)).toBe(true);
    await app.page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => rows().count()).toBe(4);
    await saved();
  });

  it('adds the selected word of a text being edited to the dictionary (learned terms)', async () => {
    const r = row(1);
    await r.dblclick();
    const box = r.locator('textarea');
    await box.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(el.value.indexOf('people'), el.value.indexOf('people') + 'people'.length));
    await app.page.keyboard.press('Control+D');
    await app.page.getByRole('status').filter({ hasText: '“people” will be used on the next job.' }).waitFor();
    await box.press('Escape');
    const db = openDb(join(app.home, 'library.db'));
    const learned = new StateRepo(db).get('learnedTerms') ?? []; // internal state, apart from user settings
    db.close();
    expect(learned).toContain('people');
  });

  it('keeps the undo history when leaving the editor and coming back', async () => {
    const r = row(0);
    await r.dblclick();
    await r.locator('textarea').fill('Welcome, history survives.');
    await r.locator('textarea').press('Enter');
    await saved();
    await app.page.getByRole('button', { name: '← Library' }).click();
    await app.page.getByText('lecture', { exact: false }).first().click();
    await row(0).waitFor();
    expect((await texts())[0]).toBe('Welcome, history survives.');
    await app.page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(async () => (await texts())[0]).toMatch(/^Welcome everyone/);
    await saved();
  });

  it('screenshots a 2-hour transcript in both languages and themes', async () => {
    const db = openDb(join(app.home, 'library.db'));
    const track = longTrack();
    new TranscriptsRepo(db, Date.now).create({ title: 'Two-hour seminar', track, presetId: 'netflix-en', durationMs: 7_200_000, sourcePath: longVideo() });
    db.close();
    const open = async () => {
      await app.page.getByRole('button', { name: /Library|字幕库/ }).first().click();
      await app.page.getByText('Two-hour seminar').click();
      await row(0).waitFor();
      // Jump an hour in: playhead, waveform and list follow.
      const at = (track.cues.find((c) => c.start > 3_600_000 && c.words.length) as Track['cues'][number]).start + 900;
      await app.page.locator('video').evaluate((v: HTMLVideoElement, s: number) => new Promise((r) => { v.addEventListener('seeked', r, { once: true }); v.currentTime = s; }), at / 1000);
      await app.page.getByTestId('overlay').waitFor();
      await app.page.locator('.wave canvas').waitFor();
      await expect.poll(() => app.page.locator('.wave-note').count(), { timeout: 60_000 }).toBe(0);
    };
    // Each language and theme: the editor, the editor with the spectrogram, and Settings ▸ Keyboard shortcuts.
    const shots = async (name: string) => {
      await open();
      await app.page.waitForTimeout(500);
      await app.shot(name);
      await app.page.getByRole('button', { name: /^(Spectrogram|频谱图)$/ }).click();
      await expect.poll(() => app.page.locator('.wave canvas').getAttribute('data-spectrogram'), { timeout: 120_000 }).toBe('drawn');
      await app.shot(`${name}-spectrogram`);
      await app.page.getByRole('button', { name: /^(Spectrogram|频谱图)$/ }).click();
      await app.page.getByRole('button', { name: /^(Settings|设置)$/ }).click();
      await app.page.locator('section#shortcuts').scrollIntoViewIfNeeded();
      await app.page.locator('section#shortcuts kbd').first().waitFor();
      await app.shot(`${name}-shortcuts`);
    };
    await shots('pro-6-long-en-light');
    for (const [theme, lang, name] of [['dark', 'en', 'pro-7-long-en-dark'], ['dark', 'zh-CN', 'pro-8-long-zh-dark'], ['light', 'zh-CN', 'pro-9-long-zh-light']] as const) {
      await app.pickLook(lang, theme);
      await shots(name);
    }
    await open();
    expect(await rows().count()).toBeLessThan(60);
    await app.page.getByRole('button', { name: '设置' }).click();
    await app.page.locator('#ui-lang').selectOption('en');
  }, 240_000);

  it('gives an audio-only file a large waveform instead of a black panel', async () => {
    const wav = speech(sentences, { gapMs: 3000 });
    const db = openDb(join(app.home, 'library.db'));
    db.pragma('busy_timeout = 10000'); // the server may be saving at this moment
    const lecture = new TranscriptsRepo(db, Date.now);
    const first = lecture.list().find((t) => t.title.startsWith('lecture'))!;
    lecture.create({ title: 'Audio-only lecture', track: lecture.track(first.id)!, presetId: 'netflix-en', durationMs: first.durationMs, sourcePath: wav });
    db.close();
    await app.page.getByRole('button', { name: 'Library' }).first().click();
    await app.page.getByText('Audio-only lecture').click();
    await row(0).waitFor();
    await expect.poll(() => app.page.locator('.wave-note').count(), { timeout: 30_000 }).toBe(0);
    expect(await app.page.locator('video').count()).toBe(0);
    const wave = (await app.page.locator('.wave canvas').boundingBox())!;
    expect(wave.height).toBeGreaterThan(400);
    await app.shot('pro-10-audio-only');
  });
});

import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Track } from '../../src-main/shared/captions/model';
import { parseSrt } from '../../src-main/shared/formats/srt';
import { openDb } from '../../src-main/node/db/connection';
import { TranscriptsRepo } from '../../src-main/node/db/repos/transcripts';
import { emulator } from '../helpers/emulator';
import { startServe, type Served } from '../helpers/serve';

/**
 * Translation in the editor (issue #11), in Debian's Chromium against `captioner serve` and the
 * emulator with registered translations: translate a Chinese lecture into English from the
 * Translate dialog, see the column fill, edit one translation in place (and undo/redo it), and
 * export a bilingual SRT that carries the edit with the source's times. Screenshots of the
 * column, the dialog and Settings › Translation in both languages and themes go to
 * test-output/screens (and to $SHOTS_DIR when set).
 */
const ROOT = join(import.meta.dirname, '..', '..');
const SHOTS = join(ROOT, 'test-output', 'screens');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A lecture: some sentences run over two cues (one meaning unit each). */
const CUES: [string, string][] = [
  ['大家好，欢迎来到', 'Hello everyone, and welcome to'],
  ['信号处理的第一讲。', 'the first lecture on signal processing.'],
  ['今天我们先看频谱。', 'Today we start with the spectrum.'],
  ['频谱告诉我们信号里', 'The spectrum tells us which frequencies'],
  ['有哪些频率。', 'a signal contains.'],
  ['然后我们讨论滤波器的设计。', 'Then we discuss how filters are designed.'],
  ['低通滤波器让低频通过，', 'A low-pass filter lets low frequencies through'],
  ['同时衰减高频。', 'while it attenuates high frequencies.'],
  ['有问题随时举手。', 'Raise your hand at any time with questions.'],
  ['我们开始吧！', 'Let’s begin!'],
];
/** The meaning units the core makes of those cues, with the translation the emulator returns. */
const UNITS: [string, string][] = [
  ['大家好，欢迎来到信号处理的第一讲。', 'Hello everyone, and welcome to the first lecture on signal processing.'],
  ['今天我们先看频谱。', 'Today we start with the spectrum.'],
  ['频谱告诉我们信号里有哪些频率。', 'The spectrum tells us which frequencies a signal contains.'],
  ['然后我们讨论滤波器的设计。', 'Then we discuss how filters are designed.'],
  ['低通滤波器让低频通过，同时衰减高频。', 'A low-pass filter lets low frequencies through while it attenuates high frequencies.'],
  ['有问题随时举手。', 'Raise your hand at any time with questions.'],
  ['我们开始吧！', 'Let’s begin!'],
];
const EDITED = 'Today we begin with the spectrum.';

function lectureTrack(): Track {
  let t = 800;
  const cues = CUES.map(([zh], k) => {
    const dur = 1400 + [...zh].length * 170;
    const cue = { id: `c${k + 1}`, start: t, end: t + dur, lines: [zh], words: [], speaker: k < 9 ? 0 : 1 };
    t += dur + 240;
    return cue;
  });
  return { language: 'zh', speakers: [{ id: 0, name: '王教授' }, { id: 1, name: 'Alex' }], cues };
}

function video(): string {
  const out = join(tmpdir(), 'captioner-test-media', 'translation-lecture-v2.mp4');
  if (!existsSync(out)) {
    mkdirSync(join(tmpdir(), 'captioner-test-media'), { recursive: true });
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=5', '-f', 'lavfi', '-i', 'anullsrc=r=8000:cl=mono', '-t', '40', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '24k', `${out}.tmp.mp4`]);
    execFileSync('mv', [`${out}.tmp.mp4`, out]);
  }
  return out;
}

let emu: Awaited<ReturnType<typeof emulator>>;
let browser: Browser;
let page: Page;
let server: Served;
let home: string;

const shot = async (name: string) => {
  const path = join(SHOTS, `${name}.png`);
  await page.screenshot({ path });
  if (process.env.SHOTS_DIR) {
    mkdirSync(process.env.SHOTS_DIR, { recursive: true });
    copyFileSync(path, join(process.env.SHOTS_DIR, `${name}.png`));
  }
};
const rows = () => page.getByTestId('cue-row');
const trCells = () => page.getByTestId('tr-cell');

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'out', 'renderer', 'index.html'))) throw new Error('Build the UI first: npm run build:ui');
  mkdirSync(SHOTS, { recursive: true });
  emu = await emulator();
  for (const [source, target] of UNITS) await emu.translation(source, target, 'en');
  home = mkdtempSync(join(tmpdir(), 'e2e-tr-home-'));
  const db = openDb(join(home, 'library.db'));
  new TranscriptsRepo(db, Date.now).create({ title: '信号处理 第一讲', track: lectureTrack(), presetId: 'netflix-zh-hans', durationMs: 40_000, sourcePath: video() });
  db.close();
  server = await startServe({ CAPTIONER_HOME: home, DASHSCOPE_API_KEY: 'sk-test', DASHSCOPE_BASE_URL: emu.baseUrl });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  page = await browser.newPage({ viewport: { width: 1440, height: 860 }, acceptDownloads: true });
  await page.goto(server.url);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await emu?.close();
});

const openLecture = async () => {
  await page.getByRole('button', { name: /^(Library|字幕库)$/ }).first().click();
  await page.getByText('信号处理 第一讲').click();
  await rows().first().waitFor();
};

describe('translation in the editor (Chromium)', () => {
  it('translates a Chinese transcript into English from the Translate dialog, with the cost first', async () => {
    // A glossary term added in Settings › Translation reaches every request.
    await page.getByRole('button', { name: 'Settings' }).first().click();
    // The library's speaker names are offered (not the default "Speaker N"), whichever transcript is open.
    const glossary = page.getByTestId('glossary');
    await expect.poll(async () => (await glossary.locator('tr.suggested[data-kind="speaker"] td:first-child').allInnerTexts()).map((x) => x.trim())).toEqual(['Alexspeaker name', '王教授speaker name']);
    await page.getByRole('textbox', { name: 'New term' }).fill('频谱');
    await page.getByRole('textbox', { name: 'Its translation' }).fill('spectrum');
    await page.getByRole('button', { name: 'Add term' }).click();
    await expect.poll(() => page.getByRole('textbox', { name: 'Translation of “频谱”' }).inputValue()).toBe('spectrum');
    await openLecture();
    expect(await trCells().count()).toBe(0); // no translation yet: no column
    await page.getByTestId('translate-open').click();
    const dialog = page.getByRole('dialog', { name: 'Translate captions' });
    await dialog.getByRole('searchbox', { name: 'Filter the language list' }).fill('engl');
    await dialog.getByRole('checkbox', { name: /^English/ }).check();
    await expect.poll(() => dialog.getByTestId('tr-estimate').innerText(), { timeout: 10_000 }).toMatch(/About \d+ requests? · [\d,]+ tokens in/);
    await dialog.getByRole('combobox', { name: 'Model' }).selectOption('qwen-mt-flash');
    await dialog.getByRole('textbox', { name: 'Domain hint' }).fill('A university lecture on signal processing.');
    await dialog.getByRole('button', { name: 'Translate', exact: true }).click();
    await expect.poll(() => dialog.getByTestId('tr-jobs').locator('tr').first().getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    expect(await dialog.getByTestId('tr-jobs').innerText()).toMatch(/Billed [\d,]+ tokens/);
    await dialog.getByRole('button', { name: 'Close' }).click();

    // The column: named header, the registered translations placed on the source cues.
    await expect.poll(() => page.getByRole('columnheader', { name: 'English translation', exact: true }).count()).toBe(1);
    await expect.poll(() => trCells().nth(2).innerText()).toBe('Today we start with the spectrum.');
    const all = (await trCells().allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    expect(all.join(' ')).toBe(UNITS.map((u) => u[1]).join(' '));
    expect(all.every((t) => t && t !== 'not translated')).toBe(true);
    // The domain hint reached the service.
    const sent = (await (await fetch(`${emu.url}/_emulator/translations/requests`)).json()) as { domains?: string; targetLang: string; terms?: { source: string; target: string }[] }[];
    expect(sent.length).toBeGreaterThan(0);
    for (const r of sent) {
      expect(r.targetLang).toBe('English');
      expect(r.domains).toBe('A university lecture on signal processing.');
    }
    expect(sent.some((r) => r.terms?.some((x) => x.source === '频谱' && x.target === 'spectrum'))).toBe(true);
  });

  it('edits a translation in place; undo and redo take it back and forth', async () => {
    const cell = trCells().nth(2);
    await cell.dblclick();
    const box = page.getByRole('textbox', { name: 'Translation (en) of cue 3' });
    await box.fill(EDITED);
    await box.press('Enter');
    await expect.poll(() => cell.innerText()).toBe(EDITED);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => cell.innerText()).toBe('Today we start with the spectrum.');
    await page.getByRole('button', { name: 'Redo' }).click();
    await expect.poll(() => cell.innerText()).toBe(EDITED);
    // Keyboard: the selected row's translation cell is focusable and Enter opens it; Escape cancels.
    await rows().nth(5).click();
    await trCells().nth(5).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.type(' Extra');
    await page.keyboard.press('Escape');
    expect(await trCells().nth(5).innerText()).toBe('Then we discuss how filters are designed.');
  });

  it('exports a bilingual SRT with the edit, the source times and the chosen order', async () => {
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Export captions' });
    await dialog.getByLabel('Format').selectOption('srt');
    await dialog.getByRole('radio', { name: 'Bilingual' }).check();
    await dialog.getByLabel('Line order').selectOption('source-first');
    await dialog.getByRole('checkbox', { name: 'Speaker names' }).uncheck();
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export', exact: true }).click()]);
    const srt = readFileSync((await download.path())!, 'utf8');
    const parsed = parseSrt(srt);
    const source = lectureTrack();
    expect(parsed.cues.map((c) => [c.start, c.end])).toEqual(source.cues.map((c) => [c.start, c.end]));
    expect(parsed.cues[2]?.lines).toEqual(['今天我们先看频谱。', EDITED]);
    expect(parsed.cues[0]?.lines[0]).toBe('大家好，欢迎来到');
    for (const c of parsed.cues) for (const l of c.lines.slice(1)) expect(l.length).toBeLessThanOrEqual(42);
  });

  it('a split of a translated cue divides its translation over both halves; undo restores it', async () => {
    const first = 'Hello everyone, and welcome to';
    expect(await trCells().first().innerText()).toBe(first);
    await rows().first().getByRole('gridcell', { name: '大家好，欢迎来到' }).dblclick();
    const box = page.getByRole('textbox', { name: 'Text of cue 1' });
    await box.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(4, 4)); // after 大家好，
    await box.press('Control+Enter');
    await expect.poll(() => rows().count()).toBe(CUES.length + 1);
    const halves = async () => [await trCells().nth(0).innerText(), await trCells().nth(1).innerText()].map((t) => t.replace(/\s+/g, ' ').trim());
    const [a, b] = await halves();
    expect(a).not.toBe('not translated');
    expect(b).not.toBe('not translated');
    expect(`${a} ${b}`).toBe(first);
    expect(await trCells().nth(2).innerText()).toBe('the first lecture on signal processing.');
    const saved = () => expect.poll(() => page.getByTestId('save-state').innerText(), { timeout: 10_000 }).toBe('Saved');
    await saved();
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => rows().count()).toBe(CUES.length);
    await expect.poll(() => trCells().first().innerText()).toBe(first);
    await page.getByRole('button', { name: 'Redo' }).click();
    await expect.poll(() => rows().count()).toBe(CUES.length + 1);
    expect(await halves()).toEqual([a, b]);
    await saved();
    // Stored, and the history outlives the screen: reopened, the split translation is there and
    // one undo (the session keeps both histories) puts the whole translation back on the first cue.
    await openLecture();
    await expect.poll(() => rows().count()).toBe(CUES.length + 1);
    await expect.poll(() => halves()).toEqual([a, b]);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => rows().count()).toBe(CUES.length);
    await expect.poll(() => trCells().first().innerText()).toBe(first);
    await saved();
    await page.reload();
    await openLecture();
    expect(await rows().count()).toBe(CUES.length);
    await expect.poll(() => trCells().first().innerText()).toBe(first);
    await expect.poll(() => trCells().nth(1).innerText()).toBe('the first lecture on signal processing.');
  });

  it('screenshots: the column, the Translate dialog and Settings › Translation in both languages and themes', async () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      for (const theme of ['light', 'dark'] as const) {
        const tag = `${lang}-${theme}`;
        await page.getByRole('button', { name: /^(Settings|设置)$/ }).first().click();
        await page.locator('#ui-lang').selectOption(lang);
        await page.locator('#theme').selectOption(theme);
        // The theme and language apply once the setting is stored: wait for both before a picture.
        await expect.poll(() => page.evaluate(() => [document.documentElement.dataset.theme, document.documentElement.lang])).toEqual([theme, lang]);
        await page.locator('#settings-translation').evaluate((el) => {
          const pane = el.closest('.content') as HTMLElement;
          pane.scrollTop = el.getBoundingClientRect().top - pane.getBoundingClientRect().top + pane.scrollTop - 16;
        });
        await shot(`translation-settings-${tag}`);
        await openLecture();
        await rows().nth(2).click();
        await trCells().first().waitFor();
        await shot(`translation-column-${tag}`);
        // A translated cue split in two: both halves keep their share of the translation.
        await rows().first().getByRole('gridcell', { name: '大家好，欢迎来到' }).dblclick();
        const box = rows().first().locator('textarea');
        await box.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(4, 4));
        await box.press('Control+Enter');
        await expect.poll(() => rows().count()).toBe(CUES.length + 1);
        await shot(`translation-split-${tag}`);
        await page.getByRole('button', { name: /^(Undo|撤销)$/ }).click();
        await expect.poll(() => rows().count()).toBe(CUES.length);
        await page.getByTestId('translate-open').click();
        const dialog = page.getByRole('dialog');
        const again = dialog.getByRole('button', { name: /Translate again|再次翻译/ });
        if (await again.count()) await again.click();
        await dialog.getByRole('checkbox').nth(0).check();
        await expect.poll(() => dialog.getByTestId('tr-estimate').innerText(), { timeout: 10_000 }).toMatch(/\d/);
        await shot(`translation-dialog-${tag}`);
        await page.keyboard.press('Escape');
      }
    }
  });
});

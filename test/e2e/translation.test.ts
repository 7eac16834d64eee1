import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Track } from '../../src-main/shared/captions/model';
import { parseSrt } from '../../src-main/shared/formats/srt';
import { openDb } from '../../src-main/node/db/connection';
import { TranscriptsRepo } from '../../src-main/node/db/repos/transcripts';
import { appSession, LOOKS } from '../helpers/app-session';

/**
 * Translation in the editor (issue #11), in Debian's Chromium against `captioner serve` and the
 * emulator with registered translations: translate a Chinese lecture into English from the
 * Translate dialog, see the column fill, edit one translation in place (and undo/redo it), and
 * export a bilingual SRT that carries the edit with the source's times. Screenshots of the
 * column, the dialog and Settings › Translation in both languages and themes go to
 * test-output/screens (and to $SHOTS_DIR when set).
 */
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

const app = appSession({
  name: 'e2e-tr-home',
  viewport: { width: 1440, height: 860 },
  async prepare({ emu, home }) {
    for (const [source, target] of UNITS) await emu.translation(source, target, 'en');
    const db = openDb(join(home, 'library.db'));
    new TranscriptsRepo(db, Date.now).create({ title: '信号处理 第一讲', track: lectureTrack(), presetId: 'netflix-zh-hans', durationMs: 40_000, sourcePath: video() });
    db.close();
  },
});

const rows = () => app.page.getByTestId('cue-row');
const trCells = () => app.page.getByTestId('tr-cell');

const openLecture = async () => {
  await app.page.getByRole('button', { name: /^(Library|字幕库)$/ }).first().click();
  await app.page.getByText('信号处理 第一讲').click();
  await rows().first().waitFor();
};

describe('translation in the editor (Chromium)', () => {
  it('translates a Chinese transcript into English from the Translate dialog, with the cost first', async () => {
    // A glossary term added in Settings › Translation reaches every request.
    await app.page.getByRole('button', { name: 'Settings' }).first().click();
    // The library's speaker names are offered (not the default "Speaker N"), whichever transcript is open.
    const glossary = app.page.getByTestId('glossary');
    await expect.poll(async () => (await glossary.locator('tr.suggested[data-kind="speaker"] td:first-child').allInnerTexts()).map((x) => x.trim())).toEqual(['Alexspeaker name', '王教授speaker name']);
    await app.page.getByRole('textbox', { name: 'New term' }).fill('频谱');
    await app.page.getByRole('textbox', { name: 'Its translation' }).fill('spectrum');
    await app.page.getByRole('button', { name: 'Add term' }).click();
    await expect.poll(() => app.page.getByRole('textbox', { name: 'Translation of “频谱”' }).inputValue()).toBe('spectrum');
    await openLecture();
    expect(await trCells().count()).toBe(0); // no translation yet: no column
    await app.page.getByTestId('translate-open').click();
    const dialog = app.page.getByRole('dialog', { name: 'Translate captions' });
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
    await expect.poll(() => app.page.getByRole('columnheader', { name: 'English translation', exact: true }).count()).toBe(1);
    await expect.poll(() => trCells().nth(2).innerText()).toBe('Today we start with the spectrum.');
    const all = (await trCells().allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    expect(all.join(' ')).toBe(UNITS.map((u) => u[1]).join(' '));
    expect(all.every((t) => t && t !== 'not translated')).toBe(true);
    // The domain hint reached the service.
    const sent = (await (await fetch(`${app.emu.url}/_emulator/translations/requests`)).json()) as { domains?: string; targetLang: string; terms?: { source: string; target: string }[] }[];
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
    const box = app.page.getByRole('textbox', { name: 'Translation (en) of cue 3' });
    await box.fill(EDITED);
    await box.press('Enter');
    await expect.poll(() => cell.innerText()).toBe(EDITED);
    await app.page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => cell.innerText()).toBe('Today we start with the spectrum.');
    await app.page.getByRole('button', { name: 'Redo' }).click();
    await expect.poll(() => cell.innerText()).toBe(EDITED);
    // Keyboard: the selected row's translation cell is focusable and Enter opens it; Escape cancels.
    await rows().nth(5).click();
    await trCells().nth(5).focus();
    await app.page.keyboard.press('Enter');
    await app.page.keyboard.type(' Extra');
    await app.page.keyboard.press('Escape');
    expect(await trCells().nth(5).innerText()).toBe('Then we discuss how filters are designed.');
  });

  it('exports a bilingual SRT with the edit, the source times and the chosen order', async () => {
    await app.page.getByRole('button', { name: 'Export', exact: true }).click();
    const dialog = app.page.getByRole('dialog', { name: 'Export captions' });
    await dialog.getByLabel('Format').selectOption('srt');
    await dialog.getByRole('radio', { name: 'Bilingual' }).check();
    await dialog.getByLabel('Line order').selectOption('source-first');
    await dialog.getByRole('checkbox', { name: 'Speaker names' }).uncheck();
    const [download] = await Promise.all([app.page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export', exact: true }).click()]);
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
    const box = app.page.getByRole('textbox', { name: 'Text of cue 1' });
    await box.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(4, 4)); // after 大家好，
    await box.press('Control+Enter');
    await expect.poll(() => rows().count()).toBe(CUES.length + 1);
    const halves = async () => [await trCells().nth(0).innerText(), await trCells().nth(1).innerText()].map((t) => t.replace(/\s+/g, ' ').trim());
    const [a, b] = await halves();
    expect(a).not.toBe('not translated');
    expect(b).not.toBe('not translated');
    expect(`${a} ${b}`).toBe(first);
    expect(await trCells().nth(2).innerText()).toBe('the first lecture on signal processing.');
    const saved = () => expect.poll(() => app.page.getByTestId('save-state').innerText(), { timeout: 10_000 }).toBe('Saved');
    await saved();
    await app.page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => rows().count()).toBe(CUES.length);
    await expect.poll(() => trCells().first().innerText()).toBe(first);
    await app.page.getByRole('button', { name: 'Redo' }).click();
    await expect.poll(() => rows().count()).toBe(CUES.length + 1);
    expect(await halves()).toEqual([a, b]);
    await saved();
    // Stored, and the history outlives the screen: reopened, the split translation is there and
    // one undo (the session keeps both histories) puts the whole translation back on the first cue.
    await openLecture();
    await expect.poll(() => rows().count()).toBe(CUES.length + 1);
    await expect.poll(() => halves()).toEqual([a, b]);
    await app.page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => rows().count()).toBe(CUES.length);
    await expect.poll(() => trCells().first().innerText()).toBe(first);
    await saved();
    await app.page.reload();
    await openLecture();
    expect(await rows().count()).toBe(CUES.length);
    await expect.poll(() => trCells().first().innerText()).toBe(first);
    await expect.poll(() => trCells().nth(1).innerText()).toBe('the first lecture on signal processing.');
  });

  it('screenshots: the column, the Translate dialog and Settings › Translation in both languages and themes', async () => {
    for (const [lang, theme] of LOOKS) {
      const tag = `${lang}-${theme}`;
      // The theme and language apply once the setting is stored: it waits for both before a picture.
      await app.pickLook(lang, theme);
      await app.page.locator('#settings-translation').evaluate((el) => {
        const pane = el.closest('.content') as HTMLElement;
        pane.scrollTop = el.getBoundingClientRect().top - pane.getBoundingClientRect().top + pane.scrollTop - 16;
      });
      await app.shot(`translation-settings-${tag}`);
      await openLecture();
      await rows().nth(2).click();
      await trCells().first().waitFor();
      await app.shot(`translation-column-${tag}`);
      // A translated cue split in two: both halves keep their share of the translation.
      await rows().first().getByRole('gridcell', { name: '大家好，欢迎来到' }).dblclick();
      const box = rows().first().locator('textarea');
      await box.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(4, 4));
      await box.press('Control+Enter');
      await expect.poll(() => rows().count()).toBe(CUES.length + 1);
      await app.shot(`translation-split-${tag}`);
      await app.page.getByRole('button', { name: /^(Undo|撤销)$/ }).click();
      await expect.poll(() => rows().count()).toBe(CUES.length);
      await app.page.getByTestId('translate-open').click();
      const dialog = app.page.getByRole('dialog');
      const again = dialog.getByRole('button', { name: /Translate again|再次翻译/ });
      if (await again.count()) await again.click();
      await dialog.getByRole('checkbox').nth(0).check();
      await expect.poll(() => dialog.getByTestId('tr-estimate').innerText(), { timeout: 10_000 }).toMatch(/\d/);
      await app.shot(`translation-dialog-${tag}`);
      await app.page.keyboard.press('Escape');
    }
  });
});

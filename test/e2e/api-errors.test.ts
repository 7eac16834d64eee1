import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../src-renderer/locales/en';
import { zhCN } from '../../src-renderer/locales/zh-CN';
import { appSession, LOOKS, type Lang } from '../helpers/app-session';
import { runCli } from '../helpers/cli';
import { dropFile } from './drop';

/**
 * Failed calls are worded in the UI's language from their codes and params (shared/api-codes.ts,
 * src-renderer/app/errors.ts), in Debian's Chromium against `captioner serve`: a binary file named
 * .srt dropped on the window (NOT_TEXT, said in the toast), and a burn-in refused because its
 * output appeared after the dialog opened (OUTPUT_EXISTS, said inside the dialog, whose modal
 * layer covers the toast). English and Chinese, light and dark (test-output/screens).
 */
let media: string;
const app = appSession({
  name: 'e2e-apierr-home',
  emulator: false,
  viewport: { width: 1360, height: 900 },
  async prepare({ home }) {
    media = mkdtempSync(join(tmpdir(), 'e2e-apierr-媒体 '));
    const video = join(media, '周会 recap.mp4');
    execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=25:d=4', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-y', video]);
    writeFileSync(join(media, '周会 recap.srt'), '1\n00:00:00,500 --> 00:00:03,000\n本周进度回顾\n');
    const imp = await runCli(['library', 'import', join(media, '周会 recap.srt')], { CAPTIONER_HOME: home });
    if (imp.code !== 0) throw new Error(imp.stderr);
    // A picture renamed .srt: PNG's signature and header, then bytes no text has.
    writeFileSync(join(media, 'slide.srt'), Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7) % 32))]));
  },
});

const OUTPUT = () => join(media, '周会 recap.captioned.mp4');
/** The sentence the UI should show for a code, with `file` the name it is worded with. */
const sentence = (lang: Lang, key: 'NOT_TEXT' | 'OUTPUT_EXISTS', name: string): string => (lang === 'en' ? en : zhCN).apierr[key].replace('{{file, name}}', name);

async function dropBinarySubtitle(lang: Lang): Promise<void> {
  await app.nav('queue');
  await dropFile(app.page, join(media, 'slide.srt'), 'slide.srt');
  const toast = app.page.locator('.toast');
  await expect.poll(() => toast.innerText(), { timeout: 20_000 }).toBe(sentence(lang, 'NOT_TEXT', 'slide.srt'));
  // Told as a failure (marked apart, announced at once); main's English message stays as the tooltip.
  expect(await toast.getAttribute('role')).toBe('alert');
  expect(await toast.getAttribute('title')).toMatch(/slide\.srt is not a text file \(it holds binary data\)/);
}

async function refusedBurn(lang: Lang): Promise<void> {
  rmSync(OUTPUT(), { force: true });
  await app.nav('library');
  await app.page.getByTestId('library-row').first().click();
  await app.page.getByTestId('cue-row').first().waitFor();
  await app.page.getByTestId('burn-open').click();
  await app.page.getByTestId('burn-preview').waitFor({ timeout: 60_000 });
  // The file appears after the dialog said the name was free (another program, another burn-in).
  writeFileSync(OUTPUT(), 'not yet a video');
  await app.page.getByTestId('burn-start').click();
  const refused = app.page.getByTestId('burn-refused');
  await expect.poll(() => refused.innerText(), { timeout: 20_000 }).toBe(sentence(lang, 'OUTPUT_EXISTS', '周会 recap.captioned.mp4'));
  expect(await refused.getAttribute('data-code')).toBe('OUTPUT_EXISTS');
  expect(await refused.getAttribute('title')).toMatch(/already exists; nothing was rendered/);
  // What to do is offered at once: the Replace box the sentence names, the existing file untouched.
  await app.page.getByLabel((lang === 'en' ? en : zhCN).burn.replace).waitFor();
  expect(await app.page.getByTestId('burn-start').isDisabled()).toBe(true);
}

describe('failed calls in the UI’s language', () => {
  it('a binary file named .srt and a burn-in whose output exists are worded in English and Chinese, light and dark', async () => {
    for (const [lang, theme] of LOOKS) {
      await app.useLook(lang, theme);
      await dropBinarySubtitle(lang);
      await app.shot(`api-errors-import-${lang}-${theme}`);
      await refusedBurn(lang);
      await app.shot(`api-errors-burn-${lang}-${theme}`);
    }
    // No English sentence from main on the Chinese screen.
    await app.useLook('zh-CN', 'light');
    await refusedBurn('zh-CN');
    expect(await app.page.getByTestId('burn-dialog').innerText()).not.toMatch(/already exists|nothing was rendered/);
  }, 240_000);
});

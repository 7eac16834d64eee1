import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appSession, LOOKS } from '../helpers/app-session';
import { speech, wrap } from '../helpers/media';
import { dropFile } from './drop';

/**
 * Issue 10 in the real UI: the ETA while the service queues the task (a slowed emulator), the
 * per-job choices on the Queue screen, the Settings screen from the one settings table and the
 * editor's language switch, in English and Chinese, light and dark (test-output/screens).
 */
const app = appSession({
  name: 'e2e-progress',
  emulator: { queueDelayMs: 60_000, processingDelayMs: 1000 },
  prepare: ({ emu }) => emu.script({ urlContains: '' }, [{ text: '今天我们来讨论一下字幕的长度和阅读速度的问题。' }]),
});

const QUEUE = { en: 'Queue', 'zh-CN': '队列' };

describe('issue 10 screens', () => {
  it('shows a falling ETA while the service queues the task, in both languages and themes', async () => {
    const root = mkdtempSync(join(tmpdir(), 'e2e-progress-media-'));
    const file = wrap(speech(['A queued file.']), join(root, 'lecture.mp4'), { ext: 'mp4' });
    await app.page.locator('nav.nav button').first().waitFor();
    await dropFile(app.page, file, 'lecture.mp4');
    const stage = app.page.locator('[data-testid="job-row"] .stage');
    await expect.poll(() => stage.innerText(), { timeout: 30_000 }).toMatch(/Queued at the service · \d+% · (\d+m )?\d+s left/);
    const seconds = (s: string): number => {
      const m = /(?:(\d+)m )?(\d+)s left/.exec(s);
      return m ? Number(m[1] ?? 0) * 60 + Number(m[2]) : NaN;
    };
    const first = seconds(await stage.innerText());
    await expect.poll(async () => seconds(await stage.innerText()), { timeout: 15_000 }).toBeLessThan(first);
    for (const [lang, theme] of LOOKS) {
      await app.pickLook(lang, theme);
      await app.shot(`i10-settings-${lang}-${theme}`, { fullPage: true });
      await app.page.getByRole('button', { name: QUEUE[lang] }).click();
      await expect.poll(() => stage.innerText(), { timeout: 15_000 }).toMatch(lang === 'en' ? /left/ : /服务端排队中 · \d+% · 剩余/);
      await app.shot(`i10-queue-eta-${lang}-${theme}`);
    }
  });
});

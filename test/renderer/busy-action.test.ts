import { describe, expect, it } from 'vitest';
import { harness } from './harness/open';

/**
 * useBusyAction (src-renderer/app/useBusyAction.ts), behind the editor's Re-transcribe and
 * language switch and Settings' hotword Save: rendered by React in Debian's Chromium and clicked.
 */
const h = harness('busy-action');
const button = () => h.page.getByRole('button', { name: 'Re-transcribe' });
const log = () => h.page.evaluate<string[]>('window.log');

describe('useBusyAction (React in Chromium)', () => {
  it('disables its control while the work runs; success tells nothing', async () => {
    await button().click();
    await expect.poll(() => button().isDisabled()).toBe(true);
    await h.page.evaluate('window.finish()');
    await expect.poll(() => button().isEnabled()).toBe(true);
    expect(await log()).toEqual(['start', 'done']);
  });

  it('a failure is told in the UI’s language with main’s message as its detail, and the control works again', async () => {
    await button().click();
    await expect.poll(() => button().isDisabled()).toBe(true);
    await h.page.evaluate(`window.finish({ code: 'BUSY', message: 'A re-transcription of this transcript is already running.', params: { reason: 'RETRANSCRIBE' } })`);
    await expect.poll(() => button().isEnabled()).toBe(true);
    expect((await log()).slice(2)).toEqual(['start', 'notify:此字幕正在重新转写中。请等它完成。', 'detail:A re-transcription of this transcript is already running.']);
    expect(h.errors).toEqual([]);
  });
});

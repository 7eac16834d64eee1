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

  it('a failure is told with its message, and the control works again', async () => {
    await button().click();
    await expect.poll(() => button().isDisabled()).toBe(true);
    await h.page.evaluate(`window.finish('The service is busy: try again in a minute')`);
    await expect.poll(() => button().isEnabled()).toBe(true);
    expect((await log()).slice(2)).toEqual(['start', 'notify:The service is busy: try again in a minute']);
    expect(h.errors).toEqual([]);
  });
});

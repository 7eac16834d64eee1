import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appSession, LOOKS, type Lang, type Theme } from '../helpers/app-session';
import { startInternet, type Internet } from '../helpers/internet';
import { speech, wrap } from '../helpers/media';

/**
 * Links in the real UI (issue 14), in Chromium against `captioner serve`: "Add links" in both
 * languages and themes, a link captioned without anything downloaded here, a refusal with its
 * reason, and the editor playing the link's media through the loopback signed-URL server (the CSP
 * allows media from loopback only, and no violation may be reported).
 */
const sentences = ['This video lives on another server.', 'The editor plays it from there.'];

let net: Internet;
const violations: string[] = [];
const app = appSession({
  name: 'e2e-url-home',
  browserArgs: ['--autoplay-policy=no-user-gesture-required'],
  async prepare({ emu }) {
    await emu.script({ urlContains: '' }, sentences.map((text) => ({ text })));
    net = await startInternet();
    // WebM (VP8 + Opus): a container the service lists and every Chromium build plays.
    net.put('clip.webm', wrap(speech(sentences), join(mkdtempSync(join(tmpdir(), 'e2e-url-')), 'clip.webm'), { ext: 'webm' }));
  },
  onPage: (page) => page.on('console', (m) => /Content Security Policy|Refused to load/i.test(m.text()) && violations.push(m.text())),
});
afterAll(() => net?.close());

async function look(lang: Lang, theme: Theme, text: string): Promise<void> {
  await app.useLook(lang, theme);
  await app.page.getByTestId('add-url-button').click();
  await app.page.getByTestId('url-input').fill(text);
  await app.page.waitForTimeout(100);
  await app.shot(`url-add-${lang}-${theme}`);
}

describe('links in the app', () => {
  it('shows "Add links" in English and Chinese, light and dark', async () => {
    const links = `${net.url}/files/clip.webm\nhttps://cdn.example/lectures/week-02.mp4\nhttps://www.bilibili.com/video/BV1xx411c7mD`;
    for (const [lang, theme] of LOOKS) await look(lang, theme, links);
    expect(await app.page.getByTestId('url-add').innerText()).toBe('添加 3 个链接');
    await app.page.getByTestId('url-input').fill(`${links}\nnot-a-link`);
    expect(await app.page.getByTestId('add-url').innerText()).toContain('不是链接：not-a-link');
    expect(await app.page.getByTestId('url-add').isDisabled()).toBe(true);
    await look('en', 'light', '');
  }, 120_000);

  it('captions a pasted link without fetching it here, refuses a missing one with the reason, and plays the link in the editor', async () => {
    const url = `${net.url}/files/clip.webm`;
    const missing = `${net.url}/missing/old-lecture.mp4`;
    const members = `${net.url}/private/members-only.mp4`;
    await app.page.getByTestId('url-input').fill(`${url}\n${missing} ${members}`);
    expect(await app.page.getByTestId('url-add').innerText()).toBe('Add 3 links');
    await app.page.getByTestId('url-add').click();
    await app.page.waitForSelector('[data-testid="job-row"][data-stage="done"]', { timeout: 60_000 });
    await expect.poll(() => app.page.locator('[data-testid="job-row"][data-stage="failed"]').count(), { timeout: 30_000 }).toBe(2);
    const failed = app.page.locator('[data-testid="job-row"][data-stage="failed"]', { hasText: 'old-lecture' });
    const forbidden = app.page.locator('[data-testid="job-row"][data-stage="failed"]', { hasText: 'members-only' });
    expect(await forbidden.innerText()).toMatch(/Link not public \(HTTP 403[^)]*\): the server wants a login/);
    await forbidden.getByRole('button', { name: 'Submit anyway' }).waitFor();
    expect(await failed.innerText()).toMatch(/old-lecture\.mp4[\s\S]*Link not found \(HTTP 404[^)]*\): the address is wrong/);
    // A missing file cannot be fetched by the service either: no "Submit anyway" here (a 403 gets one).
    expect(await failed.getByRole('button', { name: 'Submit anyway' }).count()).toBe(0);
    expect(await app.page.locator('[data-testid="job-row"][data-stage="done"]').innerText()).toMatch(/clip\.webm\s+link · 127\.0\.0\.1:\d+/);
    await app.shot('url-queue-en-light');
    expect(app.emu.stats.submits).toBe(1);
    expect(app.emu.submissions[0]?.fileUrls).toEqual([url]);
    expect(app.emu.stats.downloadsByUrl).toEqual({ [url]: 1 });

    const hitsBefore = net.hits.length;
    await app.page.locator('[data-testid="job-row"][data-stage="done"]').getByRole('button', { name: 'Open' }).click();
    const video = app.page.locator('video');
    await video.waitFor();
    const src = await video.getAttribute('src');
    expect(src).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(src).not.toContain('/files/clip.webm'); // through the signed-URL server, not the remote origin
    await app.page.waitForFunction(() => (document.querySelector('video') as HTMLVideoElement).readyState >= 2, undefined, { timeout: 30_000 });
    await app.page.evaluate(() => {
      const v = document.querySelector('video') as HTMLVideoElement;
      v.muted = true;
      return v.play();
    });
    await app.page.waitForFunction(() => (document.querySelector('video') as HTMLVideoElement).currentTime > 0.5, undefined, { timeout: 30_000 });
    const proxied = net.hits.slice(hitsBefore).filter((h) => h.path === '/files/clip.webm');
    expect(proxied.length).toBeGreaterThan(0);
    expect(proxied.some((h) => h.userAgent === 'Captioner' && h.range)).toBe(true); // the player's ranges, forwarded
    expect(proxied.filter((h) => /Mozilla|Chrome/.test(h.userAgent))).toEqual([]); // the page never reached the remote origin
    await app.page.getByTestId('cue-row').first().waitFor();
    await app.shot('url-editor-playing');
    expect(violations).toEqual([]);
    expect(app.emu.stats.downloadsByUrl).toEqual({ [url]: 1 }); // playing in the editor is not the service fetching again

    // The same link dragged from a browser onto the window: the finished transcript is offered, nothing submitted.
    await app.page.evaluate((link) => {
      const dt = new DataTransfer();
      dt.setData('text/uri-list', `# dragged\r\n${link}`);
      const target = document.querySelector('.shell') as HTMLElement;
      target.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, url);
    await app.page.getByTestId('existing-row').waitFor();
    expect(await app.page.getByTestId('existing').innerText()).toContain('clip.webm');
    expect(app.emu.stats.submits).toBe(1);
  }, 180_000);
});

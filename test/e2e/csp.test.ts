import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../src-main/node/api';
import { openApp, type App } from '../../src-main/node/app';
import { rendererPolicy } from '../../scripts/vite-csp';
import config from '../../electron.vite.config';
import { launchChromium, ROOT, screenshot } from '../helpers/app-session';

/**
 * The renderer's Content-Security-Policy where the desktop window loads it: the built page from
 * file:// (the packaged app, where no response header exists) and the dev server's page (where
 * React's inline preamble runs). Both must render the Queue screen with no CSP report at all.
 *
 * The dev server is vite on electron.vite.config.ts's renderer section, which is what
 * `electron-vite dev` serves (its --rendererOnly still launches Electron, which these machines lack).
 *
 * The preload bridge is replaced by one that Playwright exposes through the DevTools protocol
 * (like IPC, not a network request, so the page's connect-src does not apply) and that calls the
 * same `api.call` that main's IPC handler calls, on a real library in a temp folder.
 */

let browser: Browser;
let core: App;
let dev: ViteDevServer;

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'out', 'renderer', 'index.html'))) throw new Error('Build the UI first: npm run build:ui');
  core = openApp({ home: mkdtempSync(join(tmpdir(), 'csp-home-')), env: { PATH: process.env.PATH ?? '' } });
  // Electron lets a page loaded with loadFile import its own module scripts from file://; plain
  // Chromium needs this flag for the same (it does not relax the CSP).
  browser = await launchChromium(['--allow-file-access-from-files']);
  const renderer = (typeof config === 'function' ? null : config.renderer) as Record<string, unknown> | null | undefined;
  if (!renderer) throw new Error('electron.vite.config.ts has no renderer section');
  dev = await createServer({ ...renderer, configFile: false, root: join(ROOT, 'src-renderer'), logLevel: 'error', server: { host: '127.0.0.1', port: 0, strictPort: false } });
  await dev.listen();
});

afterAll(async () => {
  await browser?.close();
  await dev?.close();
  await core?.close();
});

/** Opens `url` with the stand-in bridge and collects every console message that mentions the CSP. */
async function open(url: string, opts: { theme?: 'light' | 'dark'; lang?: string } = {}): Promise<{ page: Page; csp: string[]; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: opts.theme ?? 'light', locale: opts.lang ?? 'en-US' });
  const page = await context.newPage();
  const api = createApi(core, { version: '0.0.0-test', transport: 'electron', saveApiKey: () => undefined });
  await page.exposeFunction('__captionerCall', (method: string, input: unknown) => api.call(method, input));
  await page.addInitScript(() => {
    const call = (window as unknown as { __captionerCall: (m: string, i: unknown) => Promise<unknown> }).__captionerCall;
    Object.defineProperty(window, 'captioner', {
      value: Object.freeze({ call: (m: string, i: unknown) => call(m, i), on: () => () => undefined, pathForFile: () => '' }),
    });
  });
  const csp: string[] = [];
  const errors: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (/content security policy|content-security-policy|csp/i.test(m.text())) csp.push(m.text());
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
  });
  // Missing files are reported by URL; the browser's own favicon probe is not the page's.
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) errors.push(`${r.status()} ${r.url()}`);
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  // A violation also fires this event in the page, whether or not it is logged.
  await page.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`)));
  await page.goto(url);
  return { page, csp, errors };
}

describe('renderer Content-Security-Policy', () => {
  it('the built page from file:// renders the Queue under the production policy, with no inline script allowed', async () => {
    const html = readFileSync(join(ROOT, 'out', 'renderer', 'index.html'), 'utf8');
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${rendererPolicy('production')}" />`);
    expect(/script-src ([^;]*)/.exec(rendererPolicy('production'))?.[1]).toBe("'self'");
    const url = pathToFileURL(join(ROOT, 'out', 'renderer', 'index.html')).href;
    for (const theme of ['light', 'dark'] as const) {
      for (const lang of ['en-US', 'zh-CN']) {
        core.settings.set('uiLanguage', lang === 'en-US' ? 'en' : 'zh-CN');
        core.settings.set('theme', theme);
        const { page, csp, errors } = await open(url, { theme, lang });
        await page.getByRole('heading', { name: lang === 'en-US' ? 'Queue' : '任务队列' }).waitFor({ timeout: 20_000 });
        await screenshot(page, `csp-file-queue-${lang}-${theme}`);
        expect(csp).toEqual([]);
        expect(errors).toEqual([]);
        // The policy is really in force: an inline script the page did not ship is refused.
        const ran = await page.evaluate(() => {
          const s = document.createElement('script');
          s.textContent = 'window.__inlineRan = true';
          document.head.append(s);
          return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
        });
        expect(ran).toBe(false);
        await expect.poll(() => csp.length).toBeGreaterThan(0);
        if (theme === 'light' && lang === 'en-US') {
          // Previews come from the signed-URL server on a loopback port chosen at run time: allowed.
          // Any other origin (here loopback by another name, so nothing leaves the machine) is not.
          const { localBaseUrl } = await core.hosting();
          const port = new URL(localBaseUrl).port;
          await page.evaluate((srcs) => srcs.forEach((src) => Object.assign(document.body.appendChild(document.createElement('video')), { src })), [`${localBaseUrl}/nothing?exp=1&sig=x`, `http://[::1]:${port}/nothing`]);
          const media = () => csp.filter((m) => m.startsWith('CSP violation: media-src'));
          await expect.poll(() => media().length).toBe(1);
          await page.waitForTimeout(300); // a report for the allowed source would have arrived by now
          expect(media()).toEqual([expect.stringMatching(/^CSP violation: media-src http:\/\/\[::1\]/)]);
        }
        await page.context().close();
      }
    }
  });

  it('the dev server page renders the Queue under the dev policy (React preamble allowed by hash, not unsafe-inline)', async () => {
    const address = dev.httpServer?.address();
    if (!address || typeof address === 'string') throw new Error('the dev server is not listening');
    const base = `http://127.0.0.1:${address.port}/`;
    const html = await (await fetch(base)).text();
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1] ?? '';
    expect(/script-src ([^;]*)/.exec(policy)?.[1]).toMatch(/^'self'( 'sha256-[A-Za-z0-9+/=]+')+$/);
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
    core.settings.set('uiLanguage', 'en');
    const { page, csp, errors } = await open(base);
    await page.getByRole('heading', { name: 'Queue' }).waitFor({ timeout: 30_000 });
    // React Refresh ran: the preamble set its global hook before the app's modules loaded.
    expect(await page.evaluate(() => typeof (window as unknown as { $RefreshReg$?: unknown }).$RefreshReg$)).toBe('function');
    await screenshot(page, 'csp-dev-queue');
    expect(csp).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

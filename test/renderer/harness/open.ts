import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

/**
 * A harness (a .tsx file here that mounts renderer components with React) bundled as the app's
 * build would and loaded into Debian's Chromium. `errors`: what the page logged as an error.
 */
export async function openHarness(name: string): Promise<{ browser: Browser; page: Page; errors: string[] }> {
  const bundle = await build({
    entryPoints: [join(import.meta.dirname, `${name}.tsx`)],
    alias: { '@shared': join(import.meta.dirname, '..', '..', '..', 'src-main', 'shared') },
    bundle: true,
    write: false,
    format: 'iife',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"development"' },
    logLevel: 'silent',
  });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setContent('<!doctype html><div id="root"></div>');
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
  return { browser, page, errors };
}

/** The harness opened before the file's tests and closed after them; read its fields inside a test. */
export function harness(name: string): { browser: Browser; page: Page; errors: string[] } {
  const h = {} as { browser: Browser; page: Page; errors: string[] };
  beforeAll(async () => {
    Object.assign(h, await openHarness(name));
  }, 60_000);
  afterAll(async () => {
    await h.browser?.close();
  });
  return h;
}

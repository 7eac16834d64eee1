import { copyFileSync, existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { en } from '../../src-renderer/locales/en';
import { zhCN } from '../../src-renderer/locales/zh-CN';
import type { EmulatorOptions } from '../emulator/server';
import { emulator, type Emu } from './emulator';
import { rpcClient, startServe, type Served } from './serve';

/**
 * One Chromium e2e suite's app: `captioner serve` on a fresh library, the emulator behind it and
 * Debian's Chromium on the served page. Started in the suite's beforeAll, closed in its afterAll
 * (and at once when starting fails half-way), so no server, emulator or browser outlives a suite.
 */
export const ROOT = join(import.meta.dirname, '..', '..');
/** Where every e2e suite puts its screenshots (copied to $SHOTS_DIR as well when it is set). */
export const SHOTS = join(ROOT, 'test-output', 'screens');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export type Lang = 'en' | 'zh-CN';
export type Theme = 'light' | 'dark';
/** Every language and theme a changed screen is looked at in. */
export const LOOKS: readonly (readonly [Lang, Theme])[] = [['en', 'light'], ['en', 'dark'], ['zh-CN', 'light'], ['zh-CN', 'dark']];
const NAV = { en: en.nav, 'zh-CN': zhCN.nav };
const SCREENS = ['queue', 'library', 'settings'] as const;

/** Debian's Chromium, headless, with nothing of its own reaching the network. */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', ...extraArgs],
  });
}

/** A screenshot of `page` as test-output/screens/<name>.png. */
export async function screenshot(page: Page, name: string, o: { fullPage?: boolean } = {}): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  const path = join(SHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: o.fullPage ?? false });
  if (process.env.SHOTS_DIR) {
    mkdirSync(process.env.SHOTS_DIR, { recursive: true });
    copyFileSync(path, join(process.env.SHOTS_DIR, `${name}.png`));
  }
}

export interface AppSessionOptions {
  /** Prefix of the library's temp folder. */
  name: string;
  /** The emulator's options; false: serve runs with no service configured. */
  emulator?: EmulatorOptions | false;
  /** Runs before serve starts, with the emulator up and the library folder made (script it, seed it). */
  prepare?: (s: AppSession) => Promise<void> | void;
  /** Chromium flags beyond the usual headless ones. */
  browserArgs?: string[];
  viewport?: { width: number; height: number };
  /** Called with the page before it first loads (to listen to its console from the start). */
  onPage?: (page: Page) => void;
}

export class AppSession {
  #home: string | undefined;
  #emu: Emu | undefined;
  #served: Served | undefined;
  #browser: Browser | undefined;
  #page: Page | undefined;

  constructor(private readonly o: AppSessionOptions) {}

  get home(): string {
    return ready(this.#home, 'library folder');
  }
  get emu(): Emu {
    return ready(this.#emu, 'emulator');
  }
  get served(): Served {
    return ready(this.#served, 'captioner serve');
  }
  get page(): Page {
    return ready(this.#page, 'page');
  }

  async start(): Promise<void> {
    if (!existsSync(join(ROOT, 'out', 'renderer', 'index.html'))) throw new Error('Build the UI first: npm run build:ui');
    try {
      this.#home = mkdtempSync(join(tmpdir(), `${this.o.name}-`));
      const service: Record<string, string> = {};
      if (this.o.emulator !== false) {
        this.#emu = await emulator(this.o.emulator ?? {});
        Object.assign(service, { DASHSCOPE_API_KEY: 'sk-test', DASHSCOPE_BASE_URL: this.#emu.baseUrl });
      }
      await this.o.prepare?.(this);
      this.#served = await startServe({ CAPTIONER_HOME: this.#home, ...service });
      this.#browser = await launchChromium(this.o.browserArgs);
      this.#page = await this.#browser.newPage({ viewport: this.o.viewport ?? { width: 1360, height: 820 }, acceptDownloads: true });
      this.o.onPage?.(this.#page);
      await this.#page.goto(this.#served.url);
    } catch (e) {
      await this.close();
      throw e;
    }
  }

  /** Closes the browser, stops serve (SIGKILL if it hangs) and the emulator; each is tried even if another fails. */
  async close(): Promise<void> {
    const browser = this.#browser;
    const served = this.#served;
    const emu = this.#emu;
    this.#browser = this.#served = this.#emu = this.#page = undefined;
    const results = await Promise.allSettled([browser?.close(), served?.stop()]);
    results.push(...(await Promise.allSettled([emu?.close()]))); // last: serve may still be polling it
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  shot(name: string, o: { fullPage?: boolean } = {}): Promise<void> {
    return screenshot(this.page, name, o);
  }

  /** Goes to a main screen by its place in the navigation, whatever the language. */
  async nav(screen: (typeof SCREENS)[number]): Promise<void> {
    await this.page.locator('nav.nav button').nth(SCREENS.indexOf(screen)).click();
  }

  /** Stores the language and theme as settings (the call the Settings screen makes) and reloads the page in them. */
  async useLook(lang: Lang, theme: Theme): Promise<void> {
    const rpc = await rpcClient(this.served.port, this.served.token);
    try {
      const reply = await rpc.call('settings:set', { uiLanguage: lang, theme });
      if (!reply.ok) throw new Error(`settings:set: ${reply.error.code} ${reply.error.message}`);
    } finally {
      rpc.close();
    }
    await this.page.reload();
    await this.shows(lang, theme);
  }

  /** Chooses the language and theme on the Settings screen, as a person does, and waits until the page shows them. */
  async pickLook(lang: Lang, theme: Theme): Promise<void> {
    await this.nav('settings');
    await this.page.locator('#ui-lang').selectOption(lang);
    await this.page.locator('#theme').selectOption(theme);
    await this.shows(lang, theme);
  }

  /** The page is in that language and theme: the document says so and the navigation is translated. */
  async shows(lang: Lang, theme: Theme): Promise<void> {
    const html = this.page.locator('html');
    const settings = this.page.locator('nav.nav button').nth(SCREENS.indexOf('settings'));
    await expect
      .poll(async () => [await html.getAttribute('lang'), await html.getAttribute('data-theme'), (await settings.innerText()).trim()], { timeout: 15_000 })
      .toEqual([lang, theme, NAV[lang].settings]);
  }
}

function ready<T>(v: T | undefined, what: string): T {
  if (v === undefined) throw new Error(`The app session's ${what} is not there (not started, failed to start, or closed).`);
  return v;
}

/** An app session for the suite this is called in: started before its tests, closed after them. */
export function appSession(o: AppSessionOptions): AppSession {
  const s = new AppSession(o);
  beforeAll(() => s.start());
  afterAll(() => s.close());
  return s;
}

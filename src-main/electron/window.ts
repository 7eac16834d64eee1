import { BrowserWindow, Menu, screen, session, shell } from 'electron';
import { join } from 'node:path';
import type { StateRepo } from '../node/db/repos/state';
import { installSpellMenu, type SpellDeps } from './spellcheck';
import { ALLOWED_PERMISSIONS, MIN_SIZE, debounce, restorableBounds } from './window-state';

/**
 * The renderer's CSP is a <meta> in index.html (a response header does not apply to file://);
 * here only the permissions: fullscreen for the video player, nothing else.
 */
export function installPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, permission, allow) => allow(ALLOWED_PERMISSIONS.has(permission)));
  session.defaultSession.setPermissionCheckHandler((_wc, permission) => ALLOWED_PERMISSIONS.has(permission));
}

/**
 * Spell check in the system's language and English where Chromium has those dictionaries (Windows
 * and Linux; macOS uses its own spellchecker). Chinese has none: its words are never underlined.
 */
export function installSpellchecker(locale: string): void {
  const ses = session.defaultSession;
  const available = ses.availableSpellCheckerLanguages;
  const langs = [...new Set([locale, 'en-US'])].filter((l) => available.includes(l));
  if (langs.length) ses.setSpellCheckerLanguages(langs);
}

/** `spell`: what the spelling menu's "Add to dictionary" feeds besides Electron's dictionary, and the menu's language. */
export function createMainWindow(settings: StateRepo, devServer: string | undefined, icon: string | undefined, spell: Pick<SpellDeps, 'learn' | 'language' | 'log'>): BrowserWindow {
  const saved = restorableBounds(settings.get('windowBounds'), screen.getAllDisplays().map((d) => d.workArea));
  const { maximized, ...bounds } = saved;
  const win = new BrowserWindow({
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'Captioner',
    ...(icon ? { icon } : {}),
    webPreferences: {
      preload: join(__dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: true,
    },
  });
  if (maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  // The renderer never navigates or opens windows; links to the web go to the default browser.
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (e) => e.preventDefault());
  // Right click in a text box: the spellchecker's suggestions and "Add to dictionary".
  installSpellMenu(win.webContents, {
    ...spell,
    replaceMisspelling: (word) => win.webContents.replaceMisspelling(word),
    addToSpellchecker: (word) => void win.webContents.session.addWordToSpellCheckerDictionary(word),
    popup: (template) => Menu.buildFromTemplate(template).popup({ window: win }),
  });
  // Saved when moving or resizing stops, not on every pixel; a pending save is written on close.
  const remember = debounce(() => {
    if (!win.isDestroyed()) settings.set('windowBounds', { ...win.getNormalBounds(), maximized: win.isMaximized() });
  }, 500);
  win.on('resize', remember);
  win.on('move', remember);
  win.on('maximize', remember);
  win.on('unmaximize', remember);
  win.on('close', () => {
    remember();
    remember.flush();
  });
  if (devServer) void win.loadURL(devServer);
  else void win.loadFile(join(__dirname, '../renderer/index.html'));
  return win;
}

import { BrowserWindow, session, shell } from 'electron';
import { join } from 'node:path';
import type { SettingsRepo } from '../node/db/repos/settings';

interface Bounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized?: boolean;
}

/** Strict CSP for every response the renderer loads; media may come only from the signed-URL server. */
export function installCsp(mediaOrigin: string, devServer: string | undefined): void {
  const csp = [
    "default-src 'self'", `media-src 'self' blob: ${mediaOrigin}`, "img-src 'self' data: blob:", "style-src 'self' 'unsafe-inline'",
    devServer ? `script-src 'self' ${devServer}` : "script-src 'self'", devServer ? `connect-src 'self' ${devServer} ws://localhost:*` : "connect-src 'self'",
    "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'none'",
  ].join('; ');
  session.defaultSession.webRequest.onHeadersReceived((details, done) => {
    done({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, allow) => allow(false));
}

export function createMainWindow(settings: SettingsRepo, devServer: string | undefined): BrowserWindow {
  const saved = settings.get<Bounds>('windowBounds') ?? { width: 1280, height: 800 };
  const win = new BrowserWindow({
    ...saved,
    minWidth: 900,
    minHeight: 560,
    show: false,
    title: 'Captioner',
    webPreferences: {
      preload: join(__dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: true,
    },
  });
  if (saved.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  // The renderer never navigates or opens windows; links to the web go to the default browser.
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (e) => e.preventDefault());
  const remember = (): void => {
    settings.set('windowBounds', { ...win.getNormalBounds(), maximized: win.isMaximized() });
  };
  win.on('resize', remember);
  win.on('move', remember);
  win.on('close', remember);
  if (devServer) void win.loadURL(devServer);
  else void win.loadFile(join(__dirname, '../renderer/index.html'));
  return win;
}

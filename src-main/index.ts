import { BrowserWindow, Menu, app, dialog } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createApi, warmPeaks } from './node/api';
import { defaultHome } from './node/db/connection';
import { acquireRunnerLock } from './node/lock';
import { openApp } from './node/app';
import { registerIpc } from './electron/ipc';
import { broadcast, runLifecycle, type Desktop } from './electron/lifecycle';
import { buildMenu } from './electron/menu';
import { pickLang } from './electron/messages';
import { loadApiKey, saveApiKey } from './electron/secrets';
import { learnThrough } from './electron/spellcheck';
import { createMainWindow, installPermissions, installSpellchecker } from './electron/window';
import { electronBindingPath } from '../scripts/native-paths.cjs';

// Composition root of the desktop app: open the library, build the services, wire IPC, open windows.
const devServer = process.env.ELECTRON_RENDERER_URL;
// One library for the app and the CLI: CAPTIONER_HOME, else the same OS folder the CLI uses.
// Electron's own data (caches, local storage) lives beside it.
const home = defaultHome(process.env);
app.setName('Captioner');
app.setPath('userData', home);

/** In development the Electron build of better-sqlite3 sits in .native/ (npm run native:electron). */
function nativeBinding(): string | undefined {
  if (app.isPackaged) return undefined; // packaged: the Electron build is in app.asar.unpacked
  const p = electronBindingPath(app.getAppPath(), process.versions.electron, process.platform, process.arch);
  return existsSync(p) ? p : undefined;
}

async function start(): Promise<Desktop> {
  const env = { ...process.env };
  const core = openApp({
    home,
    env,
    resourcesDir: app.isPackaged ? process.resourcesPath : join(app.getAppPath(), 'resources'),
    ...(nativeBinding() ? { nativeBinding: nativeBinding() as string } : {}),
    // Job updates go to whichever windows are open now; none (macOS, window closed) is fine.
    onUpdate: (v) => {
      broadcast(BrowserWindow.getAllWindows(), 'event', 'job:update', v);
      if (v.stage === 'done' && v.transcriptId) warmPeaks(core, v.transcriptId);
    },
    onTranslationUpdate: (v) => broadcast(BrowserWindow.getAllWindows(), 'event', 'translation:update', v),
    onBurnUpdate: (v) => broadcast(BrowserWindow.getAllWindows(), 'event', 'burn:update', v),
  });
  let release: () => void;
  try {
    release = acquireRunnerLock(core.home, 'the desktop app');
    const key = loadApiKey(core.state);
    if (key && !env.DASHSCOPE_API_KEY) env.DASHSCOPE_API_KEY = key;
    await core.hosting();
  } catch (e) {
    await core.close();
    throw e;
  }
  const api = createApi(core, { version: app.getVersion(), transport: 'electron', saveApiKey: (k) => saveApiKey(core.state, env, k) });
  installPermissions();
  installSpellchecker(app.getLocale());
  registerIpc(api, (sender, frame) => {
    const w = BrowserWindow.fromWebContents(sender);
    return Boolean(w && !w.isDestroyed() && frame && frame === sender.mainFrame);
  });
  Menu.setApplicationMenu(buildMenu(Boolean(devServer), core.home));
  await core.runner.resumeAll();
  core.translator.resumeAll();
  // Linux shows the window's own icon (macOS and Windows take the app bundle's / executable's).
  const icon = process.platform !== 'linux' ? undefined : app.isPackaged ? join(process.resourcesPath, 'icon.png') : join(app.getAppPath(), 'resources', 'icons', '512x512.png');
  return {
    home: core.home,
    openWindow: () =>
      createMainWindow(core.state, devServer, icon, {
        learn: learnThrough(api),
        language: () => core.settings.get('uiLanguage') ?? pickLang(app.getLocale()),
        log: (line) => console.warn(line),
      }),
    unfinishedJobs: () => core.jobs.unfinished().length,
    language: () => core.settings.get('uiLanguage') ?? pickLang(app.getLocale()),
    close: async () => {
      await core.close();
      release();
    },
  };
}

runLifecycle({ app, windows: () => BrowserWindow.getAllWindows(), dialog, platform: process.platform, locale: () => app.getLocale() }, start, () => home);

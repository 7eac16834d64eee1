import { BrowserWindow, Menu, app } from 'electron';
import { createApi, warmPeaks } from './node/api';
import { acquireRunnerLock } from './node/lock';
import { openApp } from './node/app';
import { registerIpc } from './electron/ipc';
import { buildMenu } from './electron/menu';
import { loadApiKey, saveApiKey } from './electron/secrets';
import { createMainWindow, installCsp } from './electron/window';

// Composition root of the desktop app: open the library, build the services, wire IPC, open the window.
const devServer = process.env.ELECTRON_RENDERER_URL;
let win: BrowserWindow | null = null;

if (!app.requestSingleInstanceLock()) app.quit();

app.whenReady().then(async () => {
  const env = { ...process.env };
  const core = openApp({
    home: app.getPath('userData'),
    env,
    resourcesDir: process.resourcesPath,
    onUpdate: (v) => {
      win?.webContents.send('event', 'job:update', v);
      if (v.stage === 'done' && v.transcriptId) warmPeaks(core, v.transcriptId);
    },
  });
  acquireRunnerLock(core.home, 'the desktop app'); // released with the process; a stale lock is taken over
  const key = loadApiKey(core.settings);
  if (key && !env.DASHSCOPE_API_KEY) env.DASHSCOPE_API_KEY = key;
  const api = createApi(core, { version: app.getVersion(), transport: 'electron', saveApiKey: (k) => saveApiKey(core.settings, env, k) });
  const hosting = await core.hosting();
  installCsp(hosting.localBaseUrl, devServer);
  registerIpc(api, () => win);
  Menu.setApplicationMenu(buildMenu(Boolean(devServer)));
  win = createMainWindow(core.settings, devServer);
  await core.runner.resumeAll();
  app.on('second-instance', () => win?.focus());
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) win = createMainWindow(core.settings, devServer);
  });
  app.on('before-quit', () => void core.close());
}, (e: unknown) => {
  console.error('Captioner failed to start:', e);
  app.exit(1);
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

import type { App, Dialog, Event } from 'electron';
import { MESSAGES, pickLang, type Lang } from './messages';
import { startupFailure } from './startup-failure';

/**
 * The desktop app's lifecycle, apart from what it runs: single instance, windows that come and
 * go without touching jobs, a startup failure that a person sees, and a quit that asks while jobs
 * run. It receives the few parts of the `electron` module it uses, so tests drive it with a small
 * stand-in; src-main/index.ts passes the real ones.
 */
export interface Win {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  isVisible(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
  webContents: { isDestroyed(): boolean; send(channel: string, ...args: unknown[]): void };
}

export interface ElectronParts {
  app: Pick<App, 'requestSingleInstanceLock' | 'whenReady' | 'on' | 'quit' | 'exit'>;
  windows: () => Win[];
  dialog: Pick<Dialog, 'showErrorBox' | 'showMessageBoxSync'>;
  platform: NodeJS.Platform;
  /** The system's language (app.getLocale()), for dialogs shown before the library is open. */
  locale: () => string;
}

/** What the lifecycle drives: built once the app is ready. */
export interface Desktop {
  home: string;
  openWindow(): Win;
  /** Jobs that have not reached a final stage (they resume on the next start). */
  unfinishedJobs(): number;
  /** The language the person chose in Settings. */
  language(): Lang;
  close(): Promise<void>;
}

/** Sends to every window that is still alive; a closed window is simply not there any more. */
export function broadcast(windows: readonly Win[], channel: string, ...args: unknown[]): number {
  let sent = 0;
  for (const w of windows) {
    if (w.isDestroyed() || w.webContents.isDestroyed()) continue;
    w.webContents.send(channel, ...args);
    sent++;
  }
  return sent;
}

export function bringToFront(w: Win): void {
  if (w.isMinimized()) w.restore();
  if (!w.isVisible()) w.show();
  w.focus();
}

export function runLifecycle(e: ElectronParts, start: () => Promise<Desktop>, home: () => string): void {
  if (!e.app.requestSingleInstanceLock()) {
    e.app.quit(); // the first instance gets 'second-instance' and comes to the front
    return;
  }
  let desktop: Desktop | undefined;
  let closing = false;
  const live = (): Win[] => e.windows().filter((w) => !w.isDestroyed());

  e.app.on('second-instance', () => {
    if (!desktop) return; // still starting: its window appears in a moment
    const [w] = live();
    if (w) bringToFront(w);
    else desktop.openWindow();
  });
  e.app.on('activate', () => {
    if (desktop && live().length === 0) desktop.openWindow();
  });
  e.app.on('window-all-closed', () => {
    // macOS keeps the app (and its jobs) running without a window; elsewhere closing the last window quits.
    if (e.platform !== 'darwin') e.app.quit();
  });
  e.app.on('before-quit', (event: Event) => {
    if (!desktop || closing) return;
    event.preventDefault();
    const running = desktop.unfinishedJobs();
    if (running > 0) {
      const t = MESSAGES[desktop.language()];
      const choice = e.dialog.showMessageBoxSync({
        type: 'question',
        buttons: [t.quit, t.cancel],
        defaultId: 1,
        cancelId: 1,
        title: t.quitTitle,
        message: t.quitMessage(running),
        detail: t.quitDetail,
      });
      if (choice !== 0) {
        // Cancelled after the last window closed (Windows, Linux): give the running jobs a window back.
        if (live().length === 0) desktop.openWindow();
        return;
      }
    }
    closing = true;
    const d = desktop;
    void d.close().catch(() => undefined).finally(() => e.app.exit(0));
  });

  e.app
    .whenReady()
    .then(start)
    .then((d) => {
      desktop = d;
      d.openWindow(); // a window that cannot be made is a startup failure too
    })
    .catch((err: unknown) => {
      const { title, detail } = startupFailure(err, home(), pickLang(e.locale()));
      console.error(`${title}\n${detail}`);
      e.dialog.showErrorBox(title, detail);
      e.app.exit(1);
    });
}

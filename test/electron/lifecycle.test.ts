import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { broadcast, runLifecycle, type Desktop, type ElectronParts, type Win } from '../../src-main/electron/lifecycle';
import { startupFailure } from '../../src-main/electron/startup-failure';
import { ALLOWED_PERMISSIONS, debounce, restorableBounds } from '../../src-main/electron/window-state';
import { CodedError } from '../../src-main/shared/result';

/**
 * The main process's own glue (src-main/electron/lifecycle.ts) driven through a small stand-in for
 * the parts of `electron` it uses: an app that emits events, windows that can be destroyed, dialogs
 * that record what they were asked.
 */
class FakeWin implements Win {
  destroyed = false;
  minimized = false;
  visible = true;
  focused = 0;
  sent: unknown[][] = [];
  webContents = {
    isDestroyed: () => this.destroyed,
    send: (channel: string, ...args: unknown[]) => {
      // What Electron does when a destroyed window is used: it throws.
      if (this.destroyed) throw new Error('Object has been destroyed');
      this.sent.push([channel, ...args]);
    },
  };
  isDestroyed = (): boolean => this.destroyed;
  isMinimized = (): boolean => this.minimized;
  isVisible = (): boolean => this.visible;
  restore = (): void => void (this.minimized = false);
  show = (): void => void (this.visible = true);
  focus = (): void => void this.focused++;
}

function stand(opts: { lock?: boolean; platform?: NodeJS.Platform; answer?: number; locale?: string } = {}) {
  const app = new EventEmitter() as EventEmitter & { quits: number; exitCode: number | undefined; quit: () => void };
  app.quits = 0;
  app.exitCode = undefined;
  let ready!: () => void;
  const whenReady = new Promise<void>((r) => (ready = r));
  const wins: FakeWin[] = [];
  const asked: unknown[] = [];
  const errors: [string, string][] = [];
  const exited = new Promise<number>((resolve) => {
    Object.assign(app, {
      requestSingleInstanceLock: () => opts.lock ?? true,
      whenReady: () => whenReady,
      quit: () => {
        app.quits++;
        const event = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
        app.emit('before-quit', event);
        if (!event.defaultPrevented) resolve(0);
      },
      exit: (code: number) => {
        app.exitCode = code;
        resolve(code);
      },
    });
  });
  const live = (): FakeWin[] => wins.filter((w) => !w.destroyed);
  const parts = {
    app,
    windows: live,
    dialog: {
      showErrorBox: (t: string, d: string) => void errors.push([t, d]),
      showMessageBoxSync: (o: unknown) => {
        asked.push(o);
        return opts.answer ?? 0;
      },
    },
    platform: opts.platform ?? 'linux',
    locale: () => opts.locale ?? 'en-US',
  } as unknown as ElectronParts;
  return { app, parts, live, wins, asked, errors, exited, ready: () => ready() };
}

function desktop(wins: FakeWin[], unfinished = 0, language: 'en' | 'zh-CN' = 'en'): Desktop & { closed: number } {
  const d = {
    closed: 0,
    home: '/tmp/lib',
    openWindow: () => {
      const w = new FakeWin();
      wins.push(w);
      return w;
    },
    unfinishedJobs: () => unfinished,
    language: () => language,
    close: async () => void d.closed++,
  };
  return d;
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('desktop lifecycle glue', () => {
  it('sends job updates only to live windows: a window closed while a job updates is skipped, not an error', () => {
    const a = new FakeWin();
    const b = new FakeWin();
    expect(broadcast([a, b], 'event', 'job:update', { id: 1 })).toBe(2);
    a.destroyed = true; // closed on macOS while the job runs
    expect(() => broadcast([a, b], 'event', 'job:update', { id: 2 })).not.toThrow();
    expect(broadcast([a, b], 'event', 'job:update', { id: 3 })).toBe(1);
    expect(a.sent).toEqual([['event', 'job:update', { id: 1 }]]);
    expect(b.sent.map((s) => (s[2] as { id: number }).id)).toEqual([1, 2, 3]);
    expect(broadcast([], 'event', 'job:update', {})).toBe(0); // no window at all
  });

  it('opens a window when ready; a second instance restores and focuses it; activate reopens one on macOS', async () => {
    const s = stand({ platform: 'darwin' });
    const d = desktop(s.wins);
    runLifecycle(s.parts, async () => d, () => d.home);
    s.ready();
    await tick();
    expect(s.wins).toHaveLength(1);
    const w = s.wins[0]!;
    w.minimized = true;
    w.visible = false;
    s.app.emit('second-instance');
    expect([w.minimized, w.visible, w.focused]).toEqual([false, true, 1]);
    w.destroyed = true;
    s.app.emit('window-all-closed');
    expect(s.app.quits).toBe(0); // macOS: the app and its jobs keep running
    s.app.emit('activate');
    expect(s.live()).toHaveLength(1);
    s.live()[0]!.destroyed = true;
    s.app.emit('second-instance'); // no window left: the second launch opens one
    expect(s.live()).toHaveLength(1);
  });

  it('a second instance quits at once and leaves the first alone', () => {
    const s = stand({ lock: false });
    let started = false;
    runLifecycle(s.parts, async () => ((started = true), desktop(s.wins)), () => '/tmp/lib');
    expect(s.app.quits).toBe(1);
    s.ready();
    expect(started).toBe(false);
  });

  it('a startup failure shows a dialog with the reason and what to do, then exits 1', async () => {
    const s = stand();
    runLifecycle(s.parts, async () => {
      throw new CodedError('LIBRARY_BUSY', 'Another Captioner (captioner serve, pid 42) is working on this library (/tmp/lib).');
    }, () => '/tmp/lib');
    s.ready();
    expect(await s.exited).toBe(1);
    expect(s.errors).toHaveLength(1);
    expect(s.errors[0]![0]).toBe('Captioner could not start');
    expect(s.errors[0]![1]).toMatch(/captioner serve, pid 42[\s\S]*stop "captioner serve"/);
    expect(s.wins).toHaveLength(0);
  });

  it('closing the last window quits on Linux/Windows; with no jobs running it quits without asking and closes the library', async () => {
    const s = stand({ platform: 'win32' });
    const d = desktop(s.wins, 0);
    runLifecycle(s.parts, async () => d, () => d.home);
    s.ready();
    await tick();
    s.wins[0]!.destroyed = true;
    s.app.emit('window-all-closed');
    expect(await s.exited).toBe(0);
    expect(s.asked).toEqual([]);
    expect(d.closed).toBe(1);
  });

  it('quitting with jobs running asks; Cancel keeps everything running, Quit closes the library once', async () => {
    const cancel = stand({ answer: 1 });
    const d1 = desktop(cancel.wins, 3);
    runLifecycle(cancel.parts, async () => d1, () => d1.home);
    cancel.ready();
    await tick();
    cancel.app.quit();
    await tick();
    expect(cancel.asked).toEqual([expect.objectContaining({ message: '3 jobs are still running.', buttons: ['Quit', 'Cancel'], cancelId: 1 })]);
    expect([d1.closed, cancel.app.exitCode, cancel.wins[0]!.destroyed]).toEqual([0, undefined, false]);
    // Windows/Linux: the last window was closed, the quit was cancelled: a window comes back.
    cancel.wins[0]!.destroyed = true;
    cancel.app.emit('window-all-closed');
    await tick();
    expect([cancel.asked.length, cancel.live().length, d1.closed]).toEqual([2, 1, 0]);

    const ok = stand({ answer: 0 });
    const d2 = desktop(ok.wins, 1);
    runLifecycle(ok.parts, async () => d2, () => d2.home);
    ok.ready();
    await tick();
    ok.app.quit();
    expect(await ok.exited).toBe(0);
    ok.app.quit(); // a second request while closing neither asks again nor closes twice
    await tick();
    expect([ok.asked.length, d2.closed]).toEqual([1, 1]);
  });

  it('asks and explains in Chinese for a Chinese user', async () => {
    const s = stand({ answer: 1 });
    const d = desktop(s.wins, 2, 'zh-CN');
    runLifecycle(s.parts, async () => d, () => d.home);
    s.ready();
    await tick();
    s.app.quit();
    expect(s.asked).toEqual([expect.objectContaining({ message: '还有 2 个任务正在进行。', buttons: ['退出', '取消'] })]);

    const f = stand({ locale: 'zh-CN' });
    runLifecycle(f.parts, async () => {
      throw new CodedError('LIBRARY_BUSY', 'Another Captioner is working on this library.');
    }, () => '/tmp/lib');
    f.ready();
    expect(await f.exited).toBe(1);
    expect(f.errors[0]).toEqual(['Captioner 无法启动', expect.stringContaining('captioner serve')]);
  });

  it('explains a stale bindHost, and anything else with the library path', () => {
    const listen = Object.assign(new Error('listen EADDRNOTAVAIL: address not available 10.9.8.7'), { code: 'EADDRNOTAVAIL', syscall: 'listen', address: '10.9.8.7' });
    expect(startupFailure(listen, '/h').detail).toMatch(/could not listen on 10\.9\.8\.7 \(EADDRNOTAVAIL\)[\s\S]*captioner config unset bindHost/);
    expect(startupFailure(new Error('boom'), '/h').detail).toMatch(/^boom\n\nLibrary: \/h/);
    const abi = new Error("The module '/x/better_sqlite3.node' was compiled against a different Node.js version using NODE_MODULE_VERSION 115. This version of Node.js requires NODE_MODULE_VERSION 139.");
    expect(startupFailure(abi, '/h').detail).toMatch(/npm run native:electron/);
  });
});

describe('window state', () => {
  const screen = [{ x: 0, y: 0, width: 1920, height: 1040 }];
  it('restores saved bounds on a connected display, and only the size when that display is gone', () => {
    expect(restorableBounds({ x: 100, y: 80, width: 1200, height: 700, maximized: true }, screen)).toEqual({ x: 100, y: 80, width: 1200, height: 700, maximized: true });
    expect(restorableBounds({ x: 2500, y: 80, width: 1200, height: 700 }, screen)).toEqual({ width: 1200, height: 700 }); // was on an unplugged monitor
    expect(restorableBounds({ x: 100, y: -400, width: 1200, height: 700 }, screen)).toEqual({ width: 1200, height: 700 }); // title bar above the screen
    expect(restorableBounds({ x: 0, y: 0, width: 5000, height: 3000 }, screen)).toEqual({ x: 0, y: 0, width: 1920, height: 1040 }); // shrunk to fit
    expect(restorableBounds(undefined, screen)).toEqual({ width: 1280, height: 800 });
    expect(restorableBounds({ width: 'x' }, screen)).toEqual({ width: 1280, height: 800 });
  });

  it('saves bounds once moving stops, and a pending save on close', async () => {
    let saves = 0;
    const save = debounce(() => saves++, 30);
    for (let i = 0; i < 20; i++) save();
    expect(saves).toBe(0);
    await new Promise((r) => setTimeout(r, 80));
    expect(saves).toBe(1);
    save();
    save.flush();
    expect(saves).toBe(2);
    save.flush(); // nothing pending
    expect(saves).toBe(2);
  });

  it('allows the video fullscreen button and refuses every other permission', () => {
    expect(ALLOWED_PERMISSIONS.has('fullscreen')).toBe(true);
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) expect(ALLOWED_PERMISSIONS.has(p)).toBe(false);
  });
});

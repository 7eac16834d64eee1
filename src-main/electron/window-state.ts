/** Window bounds kept across runs, and the few permissions the renderer may have. */
export interface Bounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized?: boolean;
}
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_BOUNDS: Bounds = { width: 1280, height: 800 };
export const MIN_SIZE = { width: 900, height: 560 };

/**
 * Saved bounds if at least a grip's worth (100×50 px of the title bar area) of the window lies on
 * a display that is connected now; otherwise the saved size (shrunk to fit) centred by the OS. A
 * monitor unplugged since the last run never leaves the window off screen.
 */
export function restorableBounds(saved: unknown, workAreas: readonly Rect[]): Bounds {
  const b = saved as Partial<Bounds> | undefined;
  if (!b || !Number.isFinite(b.width) || !Number.isFinite(b.height)) return { ...DEFAULT_BOUNDS };
  const largest = workAreas.reduce<Rect | undefined>((m, a) => (!m || a.width * a.height > m.width * m.height ? a : m), undefined);
  const width = Math.max(MIN_SIZE.width, Math.min(b.width as number, largest?.width ?? (b.width as number)));
  const height = Math.max(MIN_SIZE.height, Math.min(b.height as number, largest?.height ?? (b.height as number)));
  const size: Bounds = { width, height, ...(b.maximized ? { maximized: true } : {}) };
  if (!Number.isFinite(b.x) || !Number.isFinite(b.y)) return size;
  const x = b.x as number;
  const y = b.y as number;
  const visible = workAreas.some((a) => {
    const w = Math.min(x + width, a.x + a.width) - Math.max(x, a.x);
    const h = Math.min(y + 50, a.y + a.height) - Math.max(y, a.y);
    return w >= 100 && h >= 50;
  });
  return visible ? { ...size, x, y } : size;
}

/** Calls `fn` once things have been quiet for `ms`; `flush` runs a pending call now (on close). */
export function debounce(fn: () => void, ms: number): { (): void; flush(): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = (): void => {
    timer = undefined;
    fn();
  };
  const d = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, ms);
  };
  d.flush = (): void => {
    if (timer) {
      clearTimeout(timer);
      run();
    }
  };
  d.cancel = (): void => {
    if (timer) clearTimeout(timer);
    timer = undefined;
  };
  return d;
}

/** The video player's fullscreen button, and nothing else (camera, microphone, notifications, …). */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['fullscreen']);

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

/** `HH:MM:SS<sep>mmm`; hours grow past two digits rather than wrapping. */
export function formatTimestamp(ms: number, sep: ',' | '.' = ','): string {
  const t = Math.max(0, Math.round(ms));
  const h = Math.floor(t / 3_600_000);
  const m = Math.floor((t % 3_600_000) / 60_000);
  const s = Math.floor((t % 60_000) / 1000);
  return `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}${sep}${pad(t % 1000, 3)}`;
}

/** Short form for lists and plain-text exports: `H:MM:SS` or `M:SS`. */
export function formatClock(ms: number): string {
  const t = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const s = t % 60;
  return h ? `${h}:${pad(m, 2)}:${pad(s, 2)}` : `${m}:${pad(s, 2)}`;
}

/**
 * WebVTT timestamp as the W3C parser reads it: `[h+:]mm:ss.ttt`. The syntax asks for two hour
 * digits, but the parsing algorithm accepts any number, and so do we.
 */
export function parseVttTimestamp(s: string): number | null {
  const m = /^(?:(\d+):)?([0-5]\d):([0-5]\d)\.(\d{3})$/.exec(s);
  if (!m) return null;
  return Number(m[1] ?? 0) * 3_600_000 + Number(m[2]) * 60_000 + Number(m[3]) * 1000 + Number(m[4]);
}

/** Lenient SRT timestamp: `.` or `:` for the comma, 1-3 fraction digits, missing hours. */
export function parseSrtTimestamp(s: string): { ms: number; repaired: boolean } | null {
  const m = /^\s*(?:(\d+):)?(\d{1,2}):(\d{1,2})(?:([,.:])(\d{1,3}))?\s*$/.exec(s);
  if (!m) return null;
  const frac = m[5] ?? '0';
  const ms = Number(m[1] ?? 0) * 3_600_000 + Number(m[2]) * 60_000 + Number(m[3]) * 1000 + Number(frac.padEnd(3, '0'));
  const repaired = m[4] !== ',' || m[1] === undefined || frac.length !== 3 || (m[2] ?? '').length !== 2 || (m[3] ?? '').length !== 2;
  return { ms, repaired };
}

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

/** `HH:MM:SS<sep>mmm`; hours grow past two digits rather than wrapping. Built from char codes in one go. */
export function formatTimestamp(ms: number, sep: ',' | '.' = ','): string {
  const t = ms > 0 ? Math.round(ms) : 0;
  const h = Math.floor(t / 3_600_000);
  const rest = t - h * 3_600_000;
  if (h >= 100) return String(h) + formatTimestamp(rest, sep).slice(2);
  const m = Math.floor(rest / 60_000);
  const s = Math.floor((rest - m * 60_000) / 1000);
  const f = t % 1000;
  return String.fromCharCode(
    48 + Math.floor(h / 10), 48 + (h % 10), 58, 48 + Math.floor(m / 10), 48 + (m % 10), 58, 48 + Math.floor(s / 10), 48 + (s % 10),
    sep === ',' ? 44 : 46, 48 + Math.floor(f / 100), 48 + (Math.floor(f / 10) % 10), 48 + (f % 10),
  );
}

/** Digit value at position i of s, or -1 (a plain function: no closure allocated per call). */
function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/** Fast path for the canonical `HH:MM:SS,mmm` / `HH:MM:SS.mmm` (12 characters); null otherwise. */
export function parseCanonical(s: string, from: number, sep: number): number | null {
  if (s.charCodeAt(from + 2) !== 58 || s.charCodeAt(from + 5) !== 58 || s.charCodeAt(from + 8) !== sep) return null;
  const h1 = digit(s, from), h2 = digit(s, from + 1), m1 = digit(s, from + 3), m2 = digit(s, from + 4), s1 = digit(s, from + 6), s2 = digit(s, from + 7);
  const f1 = digit(s, from + 9), f2 = digit(s, from + 10), f3 = digit(s, from + 11);
  if ((h1 | h2 | m1 | m2 | s1 | s2 | f1 | f2 | f3) < 0 || m1 > 5 || s1 > 5) return null;
  return (h1 * 10 + h2) * 3_600_000 + (m1 * 10 + m2) * 60_000 + (s1 * 10 + s2) * 1000 + f1 * 100 + f2 * 10 + f3;
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

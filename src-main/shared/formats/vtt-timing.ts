/**
 * WebVTT cue timings and settings, as the W3C parsing algorithm reads them
 * (https://www.w3.org/TR/webvtt1/#collect-webvtt-cue-timings-and-settings): whitespace anywhere
 * around the arrow (space, tab, form feed), no space needed around "-->", settings that follow
 * the end time directly, hours of any length, minutes-only timestamps.
 */

const isWs = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 12 || c === 13;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

export interface Cursor {
  s: string;
  pos: number;
}

function digits(c: Cursor): string {
  const from = c.pos;
  while (c.pos < c.s.length && isDigit(c.s.charCodeAt(c.pos))) c.pos++;
  return c.s.slice(from, c.pos);
}

/** "Collect a WebVTT timestamp" at the cursor; null on failure (the cursor is then undefined). */
export function collectTimestamp(c: Cursor): number | null {
  const s = c.s;
  if (!isDigit(s.charCodeAt(c.pos))) return null;
  const d1 = digits(c);
  let v1 = Number(d1);
  const hours = d1.length !== 2 || v1 > 59;
  if (s.charCodeAt(c.pos) !== 58) return null;
  c.pos++;
  const d2 = digits(c);
  if (d2.length !== 2) return null;
  let v2 = Number(d2);
  let v3: number;
  if (hours || s.charCodeAt(c.pos) === 58) {
    if (s.charCodeAt(c.pos) !== 58) return null;
    c.pos++;
    const d3 = digits(c);
    if (d3.length !== 2) return null;
    v3 = Number(d3);
  } else {
    v3 = v2;
    v2 = v1;
    v1 = 0;
  }
  if (s.charCodeAt(c.pos) !== 46) return null;
  c.pos++;
  const d4 = digits(c);
  if (d4.length !== 3) return null;
  if (v2 > 59 || v3 > 59) return null;
  return v1 * 3_600_000 + v2 * 60_000 + v3 * 1000 + Number(d4);
}

/** A whole string that is exactly one WebVTT timestamp (as in a `<00:01.500>` tag), or null. */
export function parseTimestampExact(s: string): number | null {
  const c = { s, pos: 0 };
  const t = collectTimestamp(c);
  return t !== null && c.pos === s.length ? t : null;
}

const SETTING_NAMES = new Set(['vertical', 'line', 'position', 'size', 'align', 'region']);

/**
 * The settings the W3C parser would look at, in their order: `name:value` pairs with a known name
 * and a value on both sides of the colon. Anything else is dropped, as a browser would ignore it.
 */
export function cleanSettings(rest: string): string {
  const out: string[] = [];
  for (const token of rest.split(/[ \t\n\f\r]+/)) {
    const colon = token.indexOf(':');
    if (colon <= 0 || colon === token.length - 1) continue;
    if (SETTING_NAMES.has(token.slice(0, colon))) out.push(token);
  }
  return out.join(' ');
}

export interface CueTiming {
  start: number;
  end: number;
  settings: string;
}

/** A timing line, or null when the W3C parser would not make a cue of it. */
export function parseTimingLine(line: string): CueTiming | null {
  const c: Cursor = { s: line, pos: 0 };
  while (c.pos < line.length && isWs(line.charCodeAt(c.pos))) c.pos++;
  const start = collectTimestamp(c);
  if (start === null) return null;
  while (c.pos < line.length && isWs(line.charCodeAt(c.pos))) c.pos++;
  if (!line.startsWith('-->', c.pos)) return null;
  c.pos += 3;
  while (c.pos < line.length && isWs(line.charCodeAt(c.pos))) c.pos++;
  const end = collectTimestamp(c);
  if (end === null) return null;
  return { start, end, settings: cleanSettings(line.slice(c.pos)) };
}

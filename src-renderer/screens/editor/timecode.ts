/**
 * Times typed in the grid: "1:02.5", "01:02:03.250", "01:02:03,250" (SRT), "62.5" (seconds),
 * "1500ms", and "00:01:02:12" (hours:minutes:seconds:frames, at the media's frame rate).
 * Returns milliseconds, or null when the text is not a time.
 */
export function parseTypedTime(text: string, frameRate: number): number | null {
  const t = text.trim().replace(',', '.');
  let m = /^(\d+)\s*ms$/i.exec(t);
  if (m) return Number(m[1]);
  m = /^(\d+):(\d{1,2}):(\d{1,2}):(\d{1,3})$/.exec(t);
  if (m) {
    const [h, mi, s, f] = m.slice(1).map(Number) as [number, number, number, number];
    if (mi > 59 || s > 59 || f >= Math.ceil(frameRate)) return null;
    return Math.round((h * 3600 + mi * 60 + s) * 1000 + (f * 1000) / frameRate);
  }
  m = /^(?:(\d+):)?(?:(\d{1,2}):)?(\d{1,2}(?:\.\d{1,3})?)$/.exec(t);
  if (m && (m[1] !== undefined || m[2] !== undefined || /^\d+(\.\d+)?$/.test(t))) {
    const parts = [m[1], m[2]].filter((x): x is string => x !== undefined).map(Number);
    const sec = Number(m[3]);
    if (parts.length && sec >= 60) return null;
    if (parts.length === 2 && (parts[1] as number) > 59) return null;
    const [h, mi] = parts.length === 2 ? parts : [0, parts[0] ?? 0];
    return Math.round(((h as number) * 3600 + (mi as number) * 60 + sec) * 1000);
  }
  m = /^(\d+(?:\.\d+)?)$/.exec(t);
  return m ? Math.round(Number(m[1]) * 1000) : null;
}

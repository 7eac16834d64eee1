/**
 * The text block of a cue in a canonical file: from `start` to the next blank line (or the end),
 * as lines, or null if any line needs the lenient parser (blank, padded, or holding a character
 * from `unsafe`, such as markup or an arrow). Returns where the next block starts.
 */
export function plainBlock(text: string, start: number, unsafe: RegExp): { lines: string[]; next: number } | null {
  const n = text.length;
  let end = text.indexOf('\n\n', start);
  if (end < 0) end = text.charCodeAt(n - 1) === 10 ? n - 1 : n;
  if (end <= start) return null;
  const lines = text.slice(start, end).split('\n');
  for (const l of lines) {
    const last = l.length - 1;
    if (last < 0 || l.charCodeAt(0) <= 32 || l.charCodeAt(last) <= 32 || unsafe.test(l)) return null;
  }
  return { lines, next: end + 2 };
}

/**
 * The text with CRLF and lone CR line ends as LF (as /\r\n?/g → \n would), and whether lone CRs
 * (old Mac files) were there. The common CRLF file costs one native replace and no regex scan.
 */
export function lfOnly(text: string): { text: string; oldMac: boolean } {
  if (!text.includes('\r')) return { text, oldMac: false };
  const lf = text.replaceAll('\r\n', '\n');
  return lf.includes('\r') ? { text: lf.replace(/\r/g, '\n'), oldMac: true } : { text: lf, oldMac: false };
}

/** The 1-based line number of position `at` in text, counting from `from`. */
export function lineAt(text: string, from: number, at: number): number {
  let line = 1;
  for (let i = text.indexOf('\n', from); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * Where `what` next occurs in text at or after `from`, or text.length when it does not. The
 * canonical scans keep one such position per character they look out for and search again only
 * once a line has passed it: the native search skips the lines without one (nearly all of them)
 * much faster than a loop over every character in script.
 */
export function nextAt(text: string, what: string, from: number): number {
  const i = text.indexOf(what, from);
  return i < 0 ? text.length : i;
}

/** Whether text holds " --> " at `at` (the arrow of a canonical timing line), by character codes. */
export function arrowAt(text: string, at: number): boolean {
  return text.charCodeAt(at) === 32 && text.charCodeAt(at + 1) === 45 && text.charCodeAt(at + 2) === 45 && text.charCodeAt(at + 3) === 62 && text.charCodeAt(at + 4) === 32;
}

/** Whether code unit c is whitespace or a line end as JavaScript's trim() and \s take them. */
export function isWhite(c: number): boolean {
  if (c < 0xa0) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

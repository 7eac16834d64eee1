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

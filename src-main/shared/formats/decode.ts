/** `mixed`: UTF-8 lines and legacy-encoded lines in one file (a common result of pasting). */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'big5' | 'mixed';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  bom: boolean;
}

// Frequent characters that exist only in one script; they tell GB18030 text from Big5 text.
const SIMPLIFIED = new Set([...'的是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里们么还没样']);
const TRADITIONAL = new Set([...'的是不了在人有我他這個們中來上大為和國地到以說時要就出會可也你對生能而子那得於著下自之年過發後作裡們麼還沒樣']);

function score(text: string, common: Set<string>): number {
  let n = 0;
  for (const ch of text) if (common.has(ch)) n++;
  else if (ch === '\ufffd') n -= 5;
  return n;
}

function tryDecode(bytes: Uint8Array, enc: string): string | null {
  try {
    return new TextDecoder(enc, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Decodes subtitle bytes: BOMs first, then BOM-less UTF-16 by its zero bytes, then strict UTF-8,
 * then GB18030 or Big5 by which gives the more plausible Chinese. Reports what it chose.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8', bom: true };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', bom: true };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be', bom: true };
  const sample = bytes.subarray(0, 4096);
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) {
    if (i % 2) oddZeros++;
    else evenZeros++;
  }
  // ASCII in UTF-16 puts a zero in every other byte; CJK code points like U+4E00 add a few on the other side.
  if (sample.length >= 4 && oddZeros > sample.length / 8 && oddZeros > 4 * evenZeros) return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le', bom: false };
  if (sample.length >= 4 && evenZeros > sample.length / 8 && evenZeros > 4 * oddZeros) return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be', bom: false };
  const utf8 = tryDecode(bytes, 'utf-8');
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8', bom: false };
  const legacy = pickLegacy(bytes);
  const mixed = decodeMixed(bytes, legacy);
  if (mixed !== null) return { text: mixed, encoding: 'mixed', bom: false };
  return { text: new TextDecoder(legacy).decode(bytes), encoding: legacy, bom: false };
}

function pickLegacy(bytes: Uint8Array): 'gb18030' | 'big5' {
  const big5 = tryDecode(bytes, 'big5');
  const gb = new TextDecoder('gb18030').decode(bytes);
  return big5 !== null && score(big5, TRADITIONAL) > score(gb, SIMPLIFIED) ? 'big5' : 'gb18030';
}

/** Line by line: lines that are valid UTF-8 with non-ASCII stay UTF-8, the rest use the legacy codec. */
function decodeMixed(bytes: Uint8Array, legacy: 'gb18030' | 'big5'): string | null {
  const lines: Uint8Array[] = [];
  let from = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      lines.push(bytes.subarray(from, i));
      from = i + 1;
    }
  }
  let utf8Lines = 0;
  const parts = lines.map((line) => {
    const asUtf8 = line.some((b) => b >= 0x80) ? tryDecode(line, 'utf-8') : null;
    if (asUtf8 !== null) utf8Lines++;
    return asUtf8 ?? new TextDecoder(legacy).decode(line);
  });
  return utf8Lines > 0 ? parts.join('\n') : null;
}

/** UTF-8 bytes for a written file, with the BOM some players need (Windows, TVs) when asked. */
export function encodeUtf8(text: string, bom: boolean): Uint8Array {
  const body = new TextEncoder().encode(text);
  if (!bom) return body;
  const out = new Uint8Array(body.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(body, 3);
  return out;
}

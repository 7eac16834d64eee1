import { analyse } from 'chardet';
import iconv from 'iconv-lite';

/**
 * Text encodings a subtitle file is read in: WHATWG labels that `TextDecoder` knows (Node and
 * Chromium both carry the full set; iconv-lite decodes them all), plus UTF-32, and `mixed`: UTF-8 lines and legacy-encoded
 * lines in one file (a common result of pasting).
 */
import { TEXT_ENCODINGS } from './names';

export { TEXT_ENCODINGS };
export type TextEncodingName = (typeof TEXT_ENCODINGS)[number] | 'mixed';

export interface EncodingCandidate {
  encoding: TextEncodingName;
  /** 0-100, from the detector. */
  confidence: number;
}

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  bom: boolean;
  /** 0-100: 100 for a BOM, valid UTF-8 or an encoding the user chose. */
  confidence: number;
  /** False when another encoding is nearly as likely: the user should be asked (with a preview). */
  sure: boolean;
  /** The likely encodings, best first (only when a detector was needed). */
  candidates: EncodingCandidate[];
}

/** An encoding name as a user types it (`cp1252`, `GBK`, `sjis`, `latin1`) → ours, or null. */
export function normalizeEncoding(name: string): TextEncodingName | null {
  const n = name.trim().toLowerCase().replace(/_/g, '-');
  const alias: Record<string, TextEncodingName> = {
    utf8: 'utf-8', 'utf-16': 'utf-16le', utf16le: 'utf-16le', utf16be: 'utf-16be', 'utf-32': 'utf-32le', utf32le: 'utf-32le', utf32be: 'utf-32be',
    gbk: 'gb18030', gb2312: 'gb18030', cp936: 'gb18030', 'big5-hkscs': 'big5', cp950: 'big5',
    sjis: 'shift_jis', 'shift-jis': 'shift_jis', cp932: 'shift_jis', 'windows-31j': 'shift_jis', eucjp: 'euc-jp', euckr: 'euc-kr', cp949: 'euc-kr', uhc: 'euc-kr',
    latin1: 'windows-1252', 'iso-8859-1': 'windows-1252', 'iso8859-1': 'windows-1252', 'iso-8859-9': 'windows-1254', latin2: 'iso-8859-2',
  };
  if (alias[n]) return alias[n];
  const cp = /^cp(125\d)$/.exec(n);
  if (cp) return `windows-${cp[1]}` as TextEncodingName;
  const iso = /^iso-?8859-?(\d+)$/.exec(n);
  const m = iso ? `iso-8859-${iso[1]}` : n;
  return (TEXT_ENCODINGS as readonly string[]).includes(m) ? (m as TextEncodingName) : null;
}

/** Strict decoding (null at the first invalid sequence), for telling encodings apart. */
function tryDecode(bytes: Uint8Array, enc: string): string | null {
  try {
    return new TextDecoder(enc, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Decodes with a known encoding (a BOM of that encoding is dropped). iconv-lite, not TextDecoder:
 * Node's TextDecoder reads windows-1252 as Latin-1 (0x80-0x9F become C1 controls, so "—" and
 * "€" vanish) and has no UTF-32.
 */
export function decodeAs(bytes: Uint8Array, encoding: Exclude<TextEncodingName, 'mixed'>): string {
  return iconv.decode(bytes as Parameters<typeof iconv.decode>[0], encoding === 'shift_jis' ? 'cp932' : encoding === 'big5' ? 'cp950' : encoding);
}

const CHARDET_NAMES: Record<string, TextEncodingName> = {
  'UTF-8': 'utf-8', 'UTF-16LE': 'utf-16le', 'UTF-16BE': 'utf-16be', 'UTF-32LE': 'utf-32le', 'UTF-32BE': 'utf-32be',
  GB18030: 'gb18030', Big5: 'big5', Shift_JIS: 'shift_jis', 'EUC-JP': 'euc-jp', 'ISO-2022-JP': 'iso-2022-jp', 'EUC-KR': 'euc-kr',
  'ISO-8859-1': 'windows-1252', 'ISO-8859-2': 'iso-8859-2', 'ISO-8859-5': 'iso-8859-5', 'ISO-8859-6': 'iso-8859-6', 'ISO-8859-7': 'iso-8859-7',
  'ISO-8859-8': 'iso-8859-8', 'ISO-8859-9': 'windows-1254', 'windows-1250': 'windows-1250', 'windows-1251': 'windows-1251', 'windows-1252': 'windows-1252',
  'windows-1253': 'windows-1253', 'windows-1254': 'windows-1254', 'windows-1255': 'windows-1255', 'windows-1256': 'windows-1256', 'KOI8-R': 'koi8-r',
};

const certain = (text: string, encoding: TextEncodingName, bom: boolean): DecodedText => ({ text, encoding, bom, confidence: 100, sure: true, candidates: [] });

/** BOM-less UTF-16/32 by where the zero bytes fall (ASCII text zeroes every other, or three of four, bytes). */
function zeroPattern(bytes: Uint8Array): TextEncodingName | null {
  const sample = bytes.subarray(0, 4096 - (Math.min(bytes.length, 4096) % 4));
  if (sample.length < 4) return null;
  const z = [0, 0, 0, 0];
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) z[i % 4] = (z[i % 4] as number) + 1;
  const q = sample.length / 4;
  const [z0, z1, z2, z3] = z as [number, number, number, number];
  if (z2 > q * 0.9 && z3 > q * 0.9 && z1 > q * 0.5 && z0 < q * 0.1) return 'utf-32le';
  if (z0 > q * 0.9 && z1 > q * 0.9 && z2 > q * 0.5 && z3 < q * 0.1) return 'utf-32be';
  const odd = z1 + z3;
  const even = z0 + z2;
  // ASCII in UTF-16 puts a zero in every other byte; CJK code points like U+4E00 add a few on the other side.
  if (odd > sample.length / 8 && odd > 4 * even) return 'utf-16le';
  if (even > sample.length / 8 && even > 4 * odd) return 'utf-16be';
  return null;
}

/** Single-byte encodings that a detector cannot tell apart on short Latin text are a close call. */
const SURE_CONFIDENCE = 50;
const SURE_MARGIN = 15;

/**
 * Decodes subtitle bytes: the encoding the user chose; else a BOM (UTF-32 before UTF-16, whose
 * BOM is a prefix of it); else BOM-less UTF-16/32 by their zero bytes; else strict UTF-8; else
 * the `chardet` detector's ranking, with its confidence and whether a second guess is close.
 */
export function decodeText(bytes: Uint8Array, chosen?: TextEncodingName): DecodedText {
  const b0 = bytes[0], b1 = bytes[1], b2 = bytes[2], b3 = bytes[3];
  if (chosen && chosen !== 'mixed') {
    const bom = (chosen === 'utf-8' && b0 === 0xef && b1 === 0xbb && b2 === 0xbf) || (chosen.startsWith('utf-16') && ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)));
    const bom32 = chosen.startsWith('utf-32') && ((b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) || (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff));
    return certain(decodeAs(bytes, chosen), chosen, bom || bom32);
  }
  if (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) return certain(decodeAs(bytes, 'utf-32le'), 'utf-32le', true);
  if (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff) return certain(decodeAs(bytes, 'utf-32be'), 'utf-32be', true);
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return certain(decodeAs(bytes, 'utf-8'), 'utf-8', true);
  if (b0 === 0xff && b1 === 0xfe) return certain(decodeAs(bytes, 'utf-16le'), 'utf-16le', true);
  if (b0 === 0xfe && b1 === 0xff) return certain(decodeAs(bytes, 'utf-16be'), 'utf-16be', true);
  const wide = zeroPattern(bytes);
  if (wide) return certain(decodeAs(bytes, wide as Exclude<TextEncodingName, 'mixed'>), wide, false);
  const utf8 = tryDecode(bytes, 'utf-8');
  if (utf8 !== null) return certain(utf8, 'utf-8', false);
  // Lines that are valid UTF-8 with non-ASCII text stay UTF-8 (a file pasted together from two
  // sources); the detector ranks only the other lines, which the UTF-8 ones would confuse.
  const lines = splitLines(bytes);
  const utf8Line = lines.map((l) => l.some((x) => x >= 0x80) && tryDecode(l, 'utf-8') !== null);
  const mixed = utf8Line.some(Boolean);
  const sample = mixed ? concat(lines.filter((_, k) => !utf8Line[k])) : bytes;
  const candidates: EncodingCandidate[] = [];
  for (const m of analyse(sample)) {
    const encoding = CHARDET_NAMES[m.name];
    if (encoding && encoding !== 'utf-8' && !candidates.some((c) => c.encoding === encoding)) candidates.push({ encoding, confidence: m.confidence });
  }
  if ((candidates[0]?.confidence ?? 0) < SURE_CONFIDENCE) {
    // Statistical detectors need more text than one short CJK line; typical characters decide it.
    const hint = cjkHint(sample);
    if (hint && hint.confidence > (candidates[0]?.confidence ?? 0)) candidates.splice(0, candidates.length, hint, ...candidates.filter((c) => c.encoding !== hint.encoding));
  }
  if (!candidates.length) candidates.push({ encoding: 'windows-1252', confidence: 0 });
  const best = candidates[0] as EncodingCandidate;
  const second = candidates[1]?.confidence ?? 0;
  const legacy = best.encoding as Exclude<TextEncodingName, 'mixed'>;
  const sure = best.confidence >= SURE_CONFIDENCE && best.confidence - second >= SURE_MARGIN;
  if (mixed) {
    const text = lines.map((l, k) => (utf8Line[k] ? new TextDecoder('utf-8').decode(l) : decodeAs(l, legacy))).join('\n');
    return { text, encoding: 'mixed', bom: false, confidence: best.confidence, sure, candidates };
  }
  return { text: decodeAs(bytes, legacy), encoding: legacy, bom: false, confidence: best.confidence, sure, candidates };
}

// Frequent characters that exist only in one script; they tell GB18030 text from Big5 text.
const SIMPLIFIED = new Set([...'的是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里么还没样，。？！：；、']);
const TRADITIONAL = new Set([...'的是不了在人有我他這個們中來上大為和國地到以說時要就出會可也你對生能而子那得於著下自之年過發後作裡麼還沒樣，。？！：；、']);
const KOREAN = new Set([...'이다는에의을를가고하서지한도로기사리자니요습있것수그나해들일우어대면게시보아주내만인정까안말거였했와과제더오또라전']);
const CJK_TYPICAL: [Exclude<TextEncodingName, 'mixed'>, (ch: string) => boolean][] = [
  ['gb18030', (ch) => SIMPLIFIED.has(ch)],
  ['big5', (ch) => TRADITIONAL.has(ch)],
  ['shift_jis', (ch) => ch >= '\u3040' && ch <= '\u30ff'],
  ['euc-kr', (ch) => KOREAN.has(ch)],
];

/** The CJK encoding whose strict decoding has the largest share of characters typical of its script. */
function cjkHint(bytes: Uint8Array): EncodingCandidate | null {
  let best: EncodingCandidate | null = null;
  for (const [encoding, typical] of CJK_TYPICAL) {
    const text = tryDecode(bytes, encoding);
    if (text === null) continue;
    let wide = 0;
    let hits = 0;
    for (const ch of text) {
      if (ch.charCodeAt(0) < 0x80) continue;
      wide++;
      if (typical(ch)) hits++;
    }
    if (wide < 2) continue;
    const ratio = hits / wide;
    const confidence = Math.round(40 + 50 * ratio);
    if (ratio >= 0.25 && (!best || confidence > best.confidence)) best = { encoding, confidence };
  }
  return best;
}

function splitLines(bytes: Uint8Array): Uint8Array[] {
  const lines: Uint8Array[] = [];
  let from = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      lines.push(bytes.subarray(from, i));
      from = i + 1;
    }
  }
  return lines;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length + 1, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    out[at + p.length] = 0x0a;
    at += p.length + 1;
  }
  return out;
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

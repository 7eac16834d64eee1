import type { Word } from './model';

/** Han, Hiragana, Katakana, Hangul, CJK symbols and full-width forms. */
const CJK = /[\u1100-\u11ff\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u31ff\u3200-\u32ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]|[\u{20000}-\u{3134f}]/u;
const FULLWIDTH = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u;
const CLOSING = /^[,.!?;:%)\]}'"’”»…，。！？；：、）】」』》〉]/u;
const OPENING = /[([{“‘«（【「『《〈]$/u;

export const isCjkChar = (ch: string): boolean => CJK.test(ch);
export const hasCjk = (s: string): boolean => CJK.test(s);

/**
 * How a guideline counts characters on a line.
 * - `char`: every code point counts 1 (Netflix English and Chinese templates).
 * - `fullwidth`: full-width glyphs count 1 and half-width 0.5 (Netflix Japanese counts in full-width characters).
 * - `cjk-double`: CJK counts 2, everything else 1 (WCAG 1.4.8 "80, or 40 if CJK").
 */
export type WidthMode = 'char' | 'fullwidth' | 'cjk-double';

export function textWidth(text: string, mode: WidthMode = 'char'): number {
  let w = 0;
  for (const ch of text) {
    if (mode === 'char') w += 1;
    else if (mode === 'fullwidth') w += FULLWIDTH.test(ch) ? 1 : 0.5;
    else w += FULLWIDTH.test(ch) ? 2 : 1;
  }
  return w;
}

/** Whether a space belongs between two tokens when joining recognised words. */
export function needsSpace(prev: string, next: string): boolean {
  if (!prev || !next) return false;
  const last = [...prev].at(-1) ?? '';
  const first = [...next][0] ?? '';
  if (CLOSING.test(first)) return false;
  if (OPENING.test(last)) return false;
  if (isCjkChar(last) || isCjkChar(first)) return false;
  return true;
}

export const wordToken = (w: Pick<Word, 'text' | 'punct'>): string => w.text.trim() + w.punct.trim();

/** Rebuilds display text from words; spacing is decided by script, not by the service's stray spaces. */
export function joinTokens(tokens: readonly string[]): string {
  let out = '';
  for (const t of tokens) {
    if (!t) continue;
    out += needsSpace(out, t) ? ` ${t}` : t;
  }
  return out;
}

export const joinWords = (words: readonly Pick<Word, 'text' | 'punct'>[]): string => joinTokens(words.map(wordToken));

/** Splits free text into tokens for wrapping: words for spaced scripts, single characters for CJK. */
export function tokenizeText(text: string): string[] {
  const out: string[] = [];
  for (const chunk of text.split(/\s+/)) {
    if (!chunk) continue;
    if (!hasCjk(chunk)) {
      out.push(chunk);
      continue;
    }
    let latin = '';
    for (const ch of chunk) {
      if (isCjkChar(ch)) {
        if (latin) {
          out.push(latin);
          latin = '';
        }
        if (CLOSING.test(ch) && out.length) out[out.length - 1] += ch;
        else out.push(ch);
      } else if (CLOSING.test(ch) && !latin && out.length) {
        out[out.length - 1] += ch;
      } else latin += ch;
    }
    if (latin) out.push(latin);
  }
  return out;
}

export const SENTENCE_END = /[.!?…。！？]["'’”」』）)]*$/u;
export const CLAUSE_END = /[,;:，；：、—–-]["'’”」』）)]*$/u;

/** English words a line or caption should break before (Netflix: "before conjunctions and prepositions"). */
export const BREAK_BEFORE = new Set([
  'and', 'but', 'or', 'nor', 'so', 'yet', 'because', 'although', 'though', 'while', 'when', 'where',
  'which', 'who', 'that', 'if', 'unless', 'until', 'after', 'before', 'since', 'to', 'of', 'in', 'on',
  'at', 'for', 'with', 'from', 'about', 'into', 'over', 'than', 'then',
]);
/** Words a line should not end on: articles and the like bind to the next word. */
export const NO_BREAK_AFTER = new Set(['a', 'an', 'the', 'my', 'your', 'his', 'her', 'its', 'our', 'their', 'this', 'these', 'those', 'mr.', 'mrs.', 'ms.', 'dr.', 'very', 'not']);

export const bareWord = (token: string): string => token.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}.]+$/gu, '');

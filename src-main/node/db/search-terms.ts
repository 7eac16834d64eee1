import type { Db } from './connection';

/**
 * What the library's full-text index stores for a piece of text, and how a query is turned into
 * an FTS5 expression over it.
 *
 * FTS5's unicode61 tokenizer splits Latin text into words (folding case and diacritics) but keeps a
 * whole run of Chinese characters as one token, which no query of a real word would match. So the
 * index is fed pre-split text: Latin runs as they are, and each run of CJK characters as its
 * overlapping bigrams (会议室 → 会议 议室) in the `words` column, plus every CJK character alone in
 * the `chars` column. A two-character query is then one term lookup, a longer one a phrase of its
 * bigrams, a one-character one a term in `chars` — index lookups, never a scan.
 */

const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}';
/** A run of CJK characters, or a run of other letters, digits and marks (a Latin word). */
const RUNS = new RegExp(`([${CJK}]+)|((?:(?![${CJK}])[\\p{L}\\p{N}\\p{M}])+)`, 'gu');

type Run = { cjk: boolean; text: string };

function runs(text: string): Run[] {
  const out: Run[] = [];
  for (const m of text.matchAll(RUNS)) out.push(m[1] !== undefined ? { cjk: true, text: m[1] } : { cjk: false, text: m[2] as string });
  return out;
}

/** Bigrams of a CJK run; a single character stands for itself. */
function bigrams(run: string): string[] {
  const cs = [...run];
  if (cs.length < 2) return cs;
  const out: string[] = [];
  for (let i = 0; i + 1 < cs.length; i++) out.push(`${cs[i]}${cs[i + 1]}`);
  return out;
}

/** The `words` column: Latin words and CJK bigrams, in text order (so phrases stay adjacent). */
export function indexWords(text: string): string {
  let out = '';
  for (const r of runs(text)) {
    if (r.cjk) for (const b of bigrams(r.text)) out += `${b} `;
    else out += `${r.text} `;
  }
  return out;
}

/** The `chars` column: every CJK character alone (for one-character queries). */
export function indexChars(text: string): string {
  let out = '';
  for (const r of runs(text)) if (r.cjk) for (const c of r.text) out += `${c} `;
  return out;
}

/** One whitespace-separated piece of a query: its Latin words and CJK runs, in order. */
export interface QueryPart {
  runs: Run[];
}

export function queryParts(query: string): QueryPart[] {
  return query
    .split(/\s+/)
    .map((p) => ({ runs: runs(p) }))
    .filter((p) => p.runs.length > 0);
}

/**
 * An FTS5 expression matching every part (AND). `latin(word)` may widen a Latin word into an
 * OR-group (typo tolerance); by default a word matches itself. Only letters, digits and marks reach
 * the expression, each quoted, so no query text is ever read as FTS5 syntax.
 */
export function ftsExpression(parts: QueryPart[], latin: (word: string) => string[] = (w) => [w]): string {
  const terms: string[] = [];
  for (const p of parts) {
    // A lone CJK character is looked up in `chars`; everything else is a phrase in `words`,
    // except that a Latin word with alternatives becomes its own OR-group.
    if (p.runs.length === 1 && p.runs[0]?.cjk && [...p.runs[0].text].length === 1) {
      terms.push(`chars : "${p.runs[0].text}"`);
      continue;
    }
    const phrase: string[] = [];
    const flush = (): void => {
      if (phrase.length) terms.push(`words : "${phrase.join(' ')}"`);
      phrase.length = 0;
    };
    for (const r of p.runs) {
      if (r.cjk) phrase.push(...bigrams(r.text));
      else {
        const alts = latin(r.text);
        if (alts.length === 1) phrase.push(alts[0] as string);
        else {
          flush();
          terms.push(`words : (${alts.map((a) => `"${a}"`).join(' OR ')})`);
        }
      }
    }
    flush();
  }
  return terms.join(' AND ');
}

/** The Latin words of a query (candidates for typo tolerance), lower-cased. */
export function latinWords(parts: QueryPart[]): string[] {
  return parts.flatMap((p) => p.runs.filter((r) => !r.cjk).map((r) => r.text.toLowerCase()));
}

/** Every string one edit (delete, swap, replace, insert of a-z or a letter of the word) away. */
export function oneEditAway(word: string): string[] {
  const cs = [...word];
  const alphabet = [...new Set([...'abcdefghijklmnopqrstuvwxyz', ...cs])];
  const out = new Set<string>();
  for (let i = 0; i <= cs.length; i++) {
    const head = cs.slice(0, i).join('');
    const tail = cs.slice(i).join('');
    if (i < cs.length) {
      out.add(head + cs.slice(i + 1).join(''));
      if (i + 1 < cs.length) out.add(head + (cs[i + 1] as string) + (cs[i] as string) + cs.slice(i + 2).join(''));
      for (const a of alphabet) out.add(head + a + cs.slice(i + 1).join(''));
    }
    for (const a of alphabet) out.add(head + a + tail);
  }
  out.delete(word);
  return [...out];
}

/** The SQL functions the FTS triggers call; registered on every connection before migrating. */
export function registerSearchFunctions(db: Db): void {
  db.function('captioner_fts_words', { deterministic: true }, (text: unknown) => indexWords(typeof text === 'string' ? text : ''));
  db.function('captioner_fts_chars', { deterministic: true }, (text: unknown) => indexChars(typeof text === 'string' ? text : ''));
}

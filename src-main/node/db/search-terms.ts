import type { Db } from './connection';

/**
 * What the library's full-text index stores for a piece of text, and how a query is turned into
 * an FTS5 expression over it.
 *
 * FTS5's unicode61 tokenizer splits Latin text into words (folding case and diacritics) but keeps a
 * whole run of Chinese characters as one token, which no query of a real word would match. So the
 * index is fed pre-split text: Latin runs as they are, and each run of CJK characters as its
 * overlapping bigrams (会议室 → 会议 议室) and its single characters. A one- or two-character query
 * is then one term lookup, a longer one the AND of its bigrams (checked against the cue text for
 * adjacency) — index lookups, never a scan. The index keeps no positions (detail=none), which
 * is what keeps it small.
 *
 * The cue index is contentless without delete support: a row is removed by handing FTS5 the same
 * terms again. `indexTerms` must therefore never change what it returns for a text; a version that
 * changes it must rebuild cue_fts in a migration.
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

/** Latin words, then CJK bigrams and single characters, space-separated (the index's only column). */
export function indexTerms(text: string): string {
  let out = '';
  for (const r of runs(text)) {
    if (!r.cjk) out += `${r.text} `;
    else {
      const cs = [...r.text];
      if (cs.length > 1) for (const b of bigrams(r.text)) out += `${b} `;
      for (const c of cs) out += `${c} `;
    }
  }
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
 * An FTS5 expression matching every term of every part (AND), and the CJK runs of three or more
 * characters a hit's text must contain (the index holds their bigrams, not their order).
 * `latin(word)` may widen a Latin word into an OR-group (typo tolerance); by default a word matches
 * itself. Only letters, digits and marks reach the expression, each quoted, so no query text is
 * ever read as FTS5 syntax.
 */
export function ftsQuery(parts: QueryPart[], latin: (word: string) => string[] = (w) => [w]): { expr: string; contains: string[] } {
  const terms: string[] = [];
  const contains: string[] = [];
  for (const p of parts) {
    for (const r of p.runs) {
      if (r.cjk) {
        const bs = bigrams(r.text);
        for (const b of new Set(bs)) terms.push(`"${b}"`);
        if (bs.length > 1) contains.push(r.text);
      } else {
        const alts = latin(r.text);
        terms.push(alts.length === 1 ? `"${alts[0] as string}"` : `(${alts.map((a) => `"${a}"`).join(' OR ')})`);
      }
    }
  }
  return { expr: [...new Set(terms)].join(' AND '), contains };
}

/** Lower case without diacritics, as the index folds words. */
export const fold = (s: string): string => (/[\u0080-\uffff]/.test(s) ? s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase() : s.toLowerCase());

/**
 * How well a hit's text answers the query: BM25's term-frequency saturation and length
 * normalisation over the query's words (every hit holds every word, so IDF would not reorder them).
 */
export function relevance(text: string, parts: QueryPart[], avgLength: number): number {
  const t = fold(text);
  const words = new Map<string, number>();
  let length = 0;
  for (const r of runs(t)) {
    if (r.cjk) length += [...r.text].length;
    else {
      length++;
      words.set(r.text, (words.get(r.text) ?? 0) + 1);
    }
  }
  let score = 0;
  for (const p of parts) {
    for (const r of p.runs) {
      let tf = 0;
      if (r.cjk) for (let i = t.indexOf(r.text); i >= 0; i = t.indexOf(r.text, i + r.text.length)) tf++;
      else tf = words.get(fold(r.text)) ?? 0;
      score += (tf * 2.2) / (tf + 1.2 * (0.25 + (0.75 * length) / Math.max(1, avgLength)));
    }
  }
  return score;
}

/** Length of a text as `relevance` counts it (words, and CJK characters). */
export function textLength(text: string): number {
  let n = 0;
  for (const r of runs(text)) n += r.cjk ? [...r.text].length : 1;
  return n;
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
  db.function('captioner_fts_terms', { deterministic: true }, (text: unknown) => indexTerms(typeof text === 'string' ? text : ''));
}

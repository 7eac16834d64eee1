import { tokenizeText } from './captions/text';

const TERM = /[\p{L}\p{N}]/u;

/**
 * Terms the user typed in place of what was recognised: a word-level diff of the old and new cue
 * text; each replaced run (not a pure insertion or deletion) yields the new run as a term.
 */
export function correctedTerms(before: string, after: string): string[] {
  const a = tokenizeText(before);
  const b = tokenizeText(after);
  const strip = (t: string): string => t.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
  const n = a.length;
  const m = b.length;
  // LCS table over normalised tokens.
  const eq = (i: number, j: number): boolean => strip(a[i] ?? '').toLowerCase() === strip(b[j] ?? '').toLowerCase();
  const dp: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) (dp[i] as number[])[j] = eq(i, j) ? (dp[i + 1]?.[j + 1] ?? 0) + 1 : Math.max(dp[i + 1]?.[j] ?? 0, dp[i]?.[j + 1] ?? 0);
  const terms: string[] = [];
  let i = 0;
  let j = 0;
  let removed: string[] = [];
  let added: string[] = [];
  const flush = (): void => {
    if (removed.length && added.length) {
      const cjk = added.some((t) => /[\u3400-\u9fff]/.test(t));
      const term = strip(added.join(cjk ? '' : ' '));
      if (TERM.test(term) && [...term].length >= 2 && !/^\d+$/.test(term)) terms.push(term);
    }
    removed = [];
    added = [];
  };
  while (i < n || j < m) {
    if (i < n && j < m && eq(i, j)) {
      flush();
      i++;
      j++;
    } else if (j < m && (i >= n || (dp[i]?.[j + 1] ?? 0) >= (dp[i + 1]?.[j] ?? 0))) added.push(b[j++] as string);
    else removed.push(a[i++] as string);
  }
  flush();
  return terms;
}

/** A term is proposed for the hotword list once it has been typed in as a correction this often. */
export const PROPOSE_AFTER = 2;

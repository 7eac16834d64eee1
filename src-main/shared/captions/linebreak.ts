import { BREAK_BEFORE, CLAUSE_END, NO_BREAK_AFTER, SENTENCE_END, bareWord, joinTokens, textWidth, type WidthMode } from './text';

export interface WrapRules {
  maxCharsPerLine: number;
  maxLines: number;
  widthMode: WidthMode;
}

/** Cost of ending a line after token i and starting the next with token i+1 (lower is better). */
function breakCost(prev: string, next: string | undefined): number {
  if (SENTENCE_END.test(prev)) return 0;
  if (CLAUSE_END.test(prev)) return 1;
  if (NO_BREAK_AFTER.has(bareWord(prev))) return 8;
  if (next !== undefined && BREAK_BEFORE.has(bareWord(next))) return 2;
  return 4;
}

const lineOf = (tokens: readonly string[], from: number, to: number): string => joinTokens(tokens.slice(from, to));

/**
 * Splits tokens into the fewest lines that fit, then picks the break points that balance the
 * lines and fall after punctuation or before conjunctions. Never splits inside a token. When the
 * text cannot fit in maxLines, returns the best layout over more lines (QC reports it).
 */
export function wrapTokens(tokens: readonly string[], rules: WrapRules): string[] {
  const n = tokens.length;
  if (n === 0) return [];
  const width = (a: number, b: number): number => textWidth(lineOf(tokens, a, b), rules.widthMode);
  if (width(0, n) <= rules.maxCharsPerLine) return [lineOf(tokens, 0, n)];

  // best[k][i]: minimal cost to lay tokens[i..n) on exactly k lines, each within the limit.
  const limitLines = Math.max(rules.maxLines, Math.ceil(width(0, n) / rules.maxCharsPerLine) + 1);
  for (let lines = 2; lines <= limitLines; lines++) {
    const laid = layout(tokens, lines, rules.maxCharsPerLine, width);
    if (laid) return laid;
  }
  // A single token wider than a line: put each token that overflows on its own line.
  return greedy(tokens, rules.maxCharsPerLine, width);
}

function layout(
  tokens: readonly string[],
  lines: number,
  max: number,
  width: (a: number, b: number) => number,
): string[] | null {
  const n = tokens.length;
  const total = width(0, n);
  const ideal = total / lines;
  const memo = new Map<string, { cost: number; cuts: number[] } | null>();
  const solve = (from: number, k: number): { cost: number; cuts: number[] } | null => {
    const key = `${from}:${k}`;
    if (memo.has(key)) return memo.get(key) ?? null;
    let best: { cost: number; cuts: number[] } | null = null;
    if (k === 1) {
      const w = width(from, n);
      best = w <= max ? { cost: ((w - ideal) / Math.max(1, ideal)) ** 2 * 10, cuts: [] } : null;
    } else {
      for (let cut = from + 1; cut <= n - (k - 1); cut++) {
        const w = width(from, cut);
        if (w > max) break;
        const rest = solve(cut, k - 1);
        if (!rest) continue;
        const balance = ((w - ideal) / Math.max(1, ideal)) ** 2 * 10;
        // Netflix prefers the bottom line longer ("pyramid"); a slight nudge, not a rule.
        const topHeavy = k === lines && w > ideal ? 0.5 : 0;
        const cost = balance + topHeavy + breakCost(tokens[cut - 1] ?? '', tokens[cut]) + rest.cost;
        if (!best || cost < best.cost) best = { cost, cuts: [cut, ...rest.cuts] };
      }
    }
    memo.set(key, best);
    return best;
  };
  const result = solve(0, lines);
  if (!result) return null;
  const bounds = [0, ...result.cuts, n];
  const out: string[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) out.push(lineOf(tokens, bounds[i] ?? 0, bounds[i + 1] ?? n));
  return out;
}

function greedy(tokens: readonly string[], max: number, width: (a: number, b: number) => number): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 1; i <= tokens.length; i++) {
    if (i === tokens.length || width(start, i + 1) > max) {
      out.push(lineOf(tokens, start, i));
      start = i;
    }
  }
  return out;
}

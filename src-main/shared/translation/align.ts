import { wrapTokens } from '../captions/linebreak';
import type { Cue } from '../captions/model';
import type { Preset } from '../captions/presets';
import { BREAK_BEFORE, CLAUSE_END, NO_BREAK_AFTER, SENTENCE_END, bareWord, textWidth, tokenizeText } from '../captions/text';
import { cueText } from './units';

/**
 * Puts a meaning unit's translation back onto its source cues. Times never change: the result is
 * the lines of each cue, in order. The translated text is cut at word boundaries (at characters
 * for CJK, which tokenizeText already gives one per token) so each cue's share of the text
 * follows its share of the source (its length, and a little its duration), preferring cuts after
 * punctuation and avoiding "the | house"; each share is then wrapped with the target's preset.
 *
 * A unit with fewer words than cues (a long Chinese sentence over three cues becoming "Thank
 * you.") cannot give every cue its own words: a cue left without any shows its neighbour's text
 * again, so the caption simply stays up over both cues' time instead of blinking off.
 */
export function placeTranslation(cues: readonly Cue[], translated: string, targetLang: string, preset: Preset): string[][] {
  void targetLang; // the script of the text decides the cut points; the preset carries the language's rules
  const tokens = tokenizeText(translated.replace(/\s+/g, ' ').trim());
  const m = cues.length;
  if (!m) return [];
  if (!tokens.length) return cues.map(() => []);
  if (m === 1) return [wrapTokens(tokens, preset)];

  const spans = cutPoints(tokens, weights(cues), preset);
  const out: (string[] | null)[] = spans.map(([a, b]) => (b > a ? wrapTokens(tokens.slice(a, b), preset) : null));
  for (let k = 0; k < m; k++) if (!out[k]) out[k] = out.slice(0, k).reverse().find(Boolean) ?? out.slice(k + 1).find(Boolean) ?? [];
  return out as string[][];
}

/** Each cue's expected share of the unit: mostly its text length, a little its time on screen. */
function weights(cues: readonly Cue[]): number[] {
  const lens = cues.map((c) => [...cueText(c).replace(/\s+/g, '')].length);
  const durs = cues.map((c) => Math.max(1, c.end - c.start));
  const sumLen = lens.reduce((a, b) => a + b, 0);
  const sumDur = durs.reduce((a, b) => a + b, 0);
  return cues.map((_, k) => (sumLen ? 0.7 * ((lens[k] ?? 0) / sumLen) : 0) + (sumLen ? 0.3 : 1) * ((durs[k] ?? 0) / sumDur));
}

/** Cost of ending a cue's share after `prev` (the next share starting with `next`). */
function cutCost(prev: string, next: string): number {
  if (SENTENCE_END.test(prev)) return 0;
  if (CLAUSE_END.test(prev)) return 0.4;
  if (NO_BREAK_AFTER.has(bareWord(prev))) return 3;
  if (BREAK_BEFORE.has(bareWord(next))) return 1;
  return 1.5;
}

/** Shares far from a cue's weight cost more than a poor cut: one tenth off costs about one cut. */
const SHARE_COST = 10;

/**
 * Token spans [from, to) per cue by dynamic programming: every share non-empty when there are
 * enough tokens, the sum of share errors and cut costs minimal.
 */
function cutPoints(tokens: readonly string[], w: readonly number[], preset: Preset): [number, number][] {
  const n = tokens.length;
  const m = w.length;
  const allowEmpty = n < m;
  const at = [0];
  for (const t of tokens) at.push((at.at(-1) ?? 0) + textWidth(t, preset.widthMode) + 1);
  const total = at[n] ?? 1;
  // best[k][i]: cost of giving tokens [0, i) to cues [0, k); back[k][i]: where cue k-1 started.
  const best = Array.from({ length: m + 1 }, () => new Float64Array(n + 1).fill(Infinity));
  const back = Array.from({ length: m + 1 }, () => new Int32Array(n + 1).fill(-1));
  (best[0] as Float64Array)[0] = 0;
  for (let k = 1; k <= m; k++) {
    const wk = w[k - 1] ?? 0;
    const row = best[k] as Float64Array;
    const prevRow = best[k - 1] as Float64Array;
    for (let i = 0; i <= n; i++) {
      // The last cue takes everything left; the others leave at least one token per cue after them.
      if (k === m && i !== n) continue;
      for (let s = 0; s <= i; s++) {
        if (!allowEmpty && s === i) continue;
        const base = prevRow[s] ?? Infinity;
        if (base === Infinity) continue;
        const share = ((at[i] ?? 0) - (at[s] ?? 0)) / total;
        const cut = k < m && i > 0 && i < n ? cutCost(tokens[i - 1] ?? '', tokens[i] ?? '') : 0;
        const cost = base + Math.abs(share - wk) * SHARE_COST + cut;
        if (cost < (row[i] ?? Infinity)) {
          row[i] = cost;
          (back[k] as Int32Array)[i] = s;
        }
      }
    }
  }
  const spans: [number, number][] = [];
  for (let k = m, i = n; k > 0; k--) {
    const s = (back[k] as Int32Array)[i] ?? 0;
    spans.push([s, i]);
    i = s;
  }
  return spans.reverse();
}


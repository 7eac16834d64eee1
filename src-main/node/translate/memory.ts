import type { Cue } from '../../shared/captions/model';
import { joinTokens } from '../../shared/captions/text';
import { estimateTokens } from '../../shared/translation/tokens';
import { meaningUnits } from '../../shared/translation/units';
import type { MtPair } from '../dashscope/mt-client';

/**
 * Translation memory (qwen-mt-api.md §3 `tm_list`): sentences the user translated themselves.
 * A request carries only the remembered pairs that resemble its text, within a token budget.
 */

/** Character bigrams of a text without spaces and punctuation (works for CJK and Latin alike). */
function bigrams(text: string): Set<string> {
  const s = [...text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '')];
  const out = new Set<string>();
  for (let i = 0; i + 1 < s.length; i++) out.add(`${s[i]}${s[i + 1]}`);
  return out;
}

function similarity(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let common = 0;
  for (const x of a) if (b.has(x)) common++;
  return (2 * common) / (a.size + b.size);
}

/** The pairs most like the request's lines: the same sentence first, then those at least half alike. */
export function relevantMemory(memory: readonly MtPair[], lines: readonly string[], budget: number, max = 8): MtPair[] {
  if (!memory.length) return [];
  const grams = lines.map(bigrams);
  const exact = new Set(lines.map((l) => l.trim()));
  const scored = memory
    .map((p) => {
      const g = bigrams(p.source);
      return { p, score: exact.has(p.source.trim()) ? 2 : Math.max(...grams.map((x) => similarity(g, x))) };
    })
    .filter((s) => s.score >= 0.5)
    .sort((a, b) => b.score - a.score);
  const out: MtPair[] = [];
  let used = 0;
  for (const { p } of scored) {
    const cost = estimateTokens(p.source) + estimateTokens(p.target);
    if (used + cost > budget) continue;
    used += cost;
    out.push(p);
    if (out.length >= max) break;
  }
  return out;
}

/**
 * What an edit teaches: for each sentence (meaning unit) holding an edited cue and translated in
 * full, the sentence and its translation.
 */
export function memoryFromEdits(cues: readonly Cue[], translations: ReadonlyMap<string, readonly string[]>, edited: ReadonlySet<string>, sourceLang: string | undefined): MtPair[] {
  const out: MtPair[] = [];
  for (const u of meaningUnits(cues, sourceLang)) {
    if (!u.cueIds.some((id) => edited.has(id))) continue;
    const parts = u.cueIds.map((id) => translations.get(id)?.map((l) => l.trim()).filter(Boolean) ?? []);
    if (parts.some((p) => !p.length)) continue;
    // A cue that shows its neighbour's text again (a short translation over long cues) counts once.
    const own = parts.filter((p, i) => i === 0 || p.join(' ') !== parts[i - 1]?.join(' '));
    out.push({ source: u.text, target: joinTokens(own.flat()) });
  }
  return out;
}

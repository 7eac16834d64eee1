import { hasCjk } from '../../shared/captions/text';
import { estimateTokens } from '../../shared/translation/tokens';
import type { MtPair } from '../dashscope/mt-client';

/**
 * The glossary a request carries as `terms` (qwen-mt-api.md §3): the user's term pairs from
 * Settings win; then words that must stay as written — the active hotword list, terms the user
 * corrected, speaker names — sent as themselves when they are not CJK (names and product words
 * such as "DashScope" keep their spelling in any target; a CJK word has no known target, so only a
 * Settings pair translates it). Only terms that occur in the request's text are sent.
 */
export interface GlossarySources {
  pairs: readonly MtPair[];
  keep: readonly string[];
}

/** A Latin term counts as a whole word: "Qwen" is in "用Qwen做" but not in "Qwenlong". */
const occurs = (text: string, term: string): boolean =>
  hasCjk(term) ? text.includes(term) : new RegExp(`(?<![\\p{Script=Latin}\\p{N}])${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{Script=Latin}\\p{N}])`, 'iu').test(text);

export function glossaryFor(content: string, g: GlossarySources, budget: number): MtPair[] {
  const out: MtPair[] = [];
  const seen = new Set<string>();
  let used = 0;
  const add = (p: MtPair): void => {
    const key = p.source.toLowerCase();
    if (seen.has(key) || !p.source.trim() || !p.target.trim() || !occurs(content, p.source)) return;
    const cost = estimateTokens(p.source) + estimateTokens(p.target);
    if (used + cost > budget) return;
    seen.add(key);
    used += cost;
    out.push({ source: p.source, target: p.target });
  };
  for (const p of g.pairs) add(p);
  for (const k of g.keep) if (!hasCjk(k)) add({ source: k, target: k });
  return out;
}

import type { Cue } from '../../shared/captions/model';
import { planBatches, type Batch } from '../../shared/translation/batches';
import { mtLanguage } from '../../shared/translation/languages';
import { estimateTokens } from '../../shared/translation/tokens';
import { meaningUnits, type MeaningUnit } from '../../shared/translation/units';

/**
 * How a transcript becomes requests (qwen-mt-api.md §2): every request fits the smallest input
 * limit any edition documents (≤ 1,000 tokens with terms and memory), so it works whatever limit
 * the account's model has. The text gets what the glossary, the memory and the domain leave.
 */
export const MAX_REQUEST_INPUT = 1000;
export const TERMS_BUDGET = 200;
export const MEMORY_BUDGET = 200;
/** What the service's prompt template adds to prompt_tokens (measured generously). */
export const TEMPLATE_TOKENS = 30;

export function textBudget(domain: string | undefined): number {
  return Math.max(150, MAX_REQUEST_INPUT - TERMS_BUDGET - MEMORY_BUDGET - (domain ? estimateTokens(domain) : 0));
}

/**
 * Output tokens expected for `inputTokens` of text: generous, since the limiter reserves it before
 * the answer is known (CJK ↔ Latin changes the count; English from Chinese is about the same).
 */
export function outputEstimate(inputTokens: number, targetLang: string): number {
  return Math.ceil(inputTokens * (['zh', 'zh_tw', 'yue', 'ja', 'ko'].includes(mtLanguage(targetLang)?.code ?? targetLang) ? 1.3 : 1.5)) + 8;
}

/** Units and batches for the chosen cues (all when `cueIds` is absent). */
export function planTranslation(cues: readonly Cue[], sourceLang: string | undefined, domain: string | undefined, cueIds?: readonly string[]): { units: MeaningUnit[]; batches: Batch[] } {
  const chosen = cueIds ? new Set(cueIds) : undefined;
  const units = meaningUnits(chosen ? cues.filter((c) => chosen.has(c.id)) : cues, sourceLang);
  return { units, batches: planBatches(units, { maxInputTokens: textBudget(domain) }) };
}

/** Tokens a whole plan is expected to cost (what the estimate shows and the job records). */
export function planTokens(batches: readonly Pick<Batch, 'inputTokens'>[], targetLang: string, extrasPerRequest = 0): { input: number; output: number } {
  let input = 0;
  let output = 0;
  for (const b of batches) {
    input += TEMPLATE_TOKENS + b.inputTokens + extrasPerRequest;
    output += outputEstimate(b.inputTokens, targetLang);
  }
  return { input, output };
}

/** A batch's units cut in two (too long, cut off, or answered with the wrong number of lines); undefined when it is one cue. */
export function halve(units: readonly MeaningUnit[], sourceText: (cueId: string) => string, joinTexts: (texts: string[]) => string): MeaningUnit[][] | undefined {
  if (units.length > 1) {
    const mid = Math.ceil(units.length / 2);
    return [units.slice(0, mid), units.slice(mid)];
  }
  const only = units[0];
  if (!only || only.cueIds.length < 2) return undefined;
  // One unit over several cues: the cues in two halves (a sentence cut in two beats no translation at all).
  const mid = Math.ceil(only.cueIds.length / 2);
  const part = (ids: string[]): MeaningUnit => ({ cueIds: ids, text: joinTexts(ids.map(sourceText)) });
  return [[part(only.cueIds.slice(0, mid))], [part(only.cueIds.slice(mid))]];
}

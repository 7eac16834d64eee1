import { isCjkChar } from '../captions/text';

/**
 * A conservative estimate of the tokens a text costs: about one per CJK character (Qwen's
 * tokenizer often packs two, so this errs high) and one per 3.5 other characters, rounded up.
 * Used to plan requests under the input limit and to estimate cost before a job starts.
 */
export function estimateTokens(text: string): number {
  let cjk = 0;
  let other = 0;
  for (const ch of text) {
    if (isCjkChar(ch)) cjk++;
    else other++;
  }
  return cjk + Math.ceil(other / 3.5);
}

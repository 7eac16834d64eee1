import type { Cost } from '../shared/cost';

/** Per-second prices from funasr-api.md §1.3; billing counts detected speech, so estimates are upper bounds. */
export const PRICES = {
  beijing: { currency: 'CNY', perSecond: 0.00022 },
  singapore: { currency: 'USD', perSecond: 0.000035 },
} as const;

export type Region = keyof typeof PRICES;


export function estimateCost(durationMs: number, region: Region, channels = 1): Cost {
  const p = PRICES[region];
  return { currency: p.currency, amount: (Math.ceil(durationMs / 1000) * channels * p.perSecond) };
}

/**
 * Qwen-MT prices per million tokens (qwen-mt-api.md §7, tables read November 2026): Beijing in CNY,
 * Singapore in USD. Only plus and turbo have a Beijing price on record; flash and lite are given
 * turbo's, which is their upper bound in every table that lists them. Estimates say "about".
 */
export const MT_PRICES: Record<Region, { currency: string; perMillion: Record<string, { input: number; output: number }> }> = {
  beijing: { currency: 'CNY', perMillion: { 'qwen-mt-plus': { input: 1.8, output: 5.4 }, 'qwen-mt-turbo': { input: 0.7, output: 1.95 }, 'qwen-mt-flash': { input: 0.7, output: 1.95 }, 'qwen-mt-lite': { input: 0.7, output: 1.95 } } },
  singapore: { currency: 'USD', perMillion: { 'qwen-mt-plus': { input: 2.46, output: 7.37 }, 'qwen-mt-turbo': { input: 0.16, output: 0.49 }, 'qwen-mt-flash': { input: 0.16, output: 0.49 }, 'qwen-mt-lite': { input: 0.12, output: 0.36 } } },
};

export function estimateMtCost(inputTokens: number, outputTokens: number, model: string, region: Region): Cost {
  const table = MT_PRICES[region];
  const p = table.perMillion[model] ?? table.perMillion['qwen-mt-plus'] ?? { input: 0, output: 0 };
  return { currency: table.currency, amount: (inputTokens * p.input + outputTokens * p.output) / 1e6 };
}

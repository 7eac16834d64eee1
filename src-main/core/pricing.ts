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

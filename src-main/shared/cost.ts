export interface Cost {
  currency: string;
  amount: number;
}

/** Small amounts keep enough digits to be more than zero: a 7 s clip costs CNY 0.00154. */
export function formatCost(c: Cost): string {
  const digits = c.amount < 0.01 ? 5 : c.amount < 1 ? 4 : 2;
  return `${c.currency} ${c.amount.toFixed(digits)}`;
}

export const clock = (ms: number): string => {
  const t = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const s = t % 60;
  return h ? `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}` : `${m}:${String(s).padStart(2, '0')}`;
};

/** m:ss.mmm for cue times. */
export const cueTime = (ms: number): string => `${clock(ms)}.${String(Math.round(ms) % 1000).padStart(3, '0')}`;

export const eta = (s: number): string => (s >= 3600 ? `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m` : s >= 60 ? `${Math.floor(s / 60)}m ${s % 60}s` : `${s}s`);

export const money = (c: { currency: string; amount: number }): string => `${c.currency} ${c.amount.toFixed(c.amount < 0.01 ? 5 : c.amount < 1 ? 4 : 2)}`;

export const date = (ms: number, lang: string): string => new Date(ms).toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short' });

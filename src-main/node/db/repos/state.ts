import { z } from 'zod';
import type { Db } from '../connection';

const terms = z.array(z.string());

/**
 * Internal state, apart from user settings (issue #10): what Captioner keeps for itself, each key
 * with its type. A value that no longer matches its type reads as absent instead of breaking.
 */
export const STATE = {
  /** HMAC secret of signed URLs. */
  signingSecret: z.string().min(16),
  /** Port of the signed-URL server, kept so URLs handed out before a restart still work. */
  hostingPort: z.number().int().min(1).max(65_535),
  /**
   * How often each corrected term was seen (a term seen often is offered as a hotword). Pairs, not
   * an object: a term is data, never a property name (`__proto__`, `constructor`).
   */
  correctionCounts: z.array(z.tuple([z.string(), z.number()])),
  learnedTerms: terms,
  declinedTerms: terms,
  /** The words of the active hotword list (quick-mode context). */
  hotwordTerms: terms,
  /** Lists `--hotwords FILE` made, by hash of model and words. */
  cliHotwordLists: z.record(z.string(), z.string()),
  windowBounds: z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number(), maximized: z.boolean().optional() }),
  /** The API key encrypted with the OS keychain (Electron safeStorage), base64. */
  apiKeyEncrypted: z.string(),
  /** What the service was seen to do (core/progress.ts ServiceStats). */
  serviceStats: z.object({ queueMs: z.number().nonnegative(), speed: z.number().positive(), samples: z.number().int().nonnegative() }),
};
export type StateKey = keyof typeof STATE;
export type StateValue<K extends StateKey> = z.infer<(typeof STATE)[K]>;

export class StateRepo {
  constructor(private readonly db: Db) {}
  get<K extends StateKey>(key: K): StateValue<K> | undefined {
    const row = this.db.prepare('SELECT value FROM app_state WHERE key = ?').get(key) as { value: string } | undefined;
    if (!row) return undefined;
    let raw: unknown;
    try {
      raw = JSON.parse(row.value);
    } catch {
      return undefined;
    }
    const r = STATE[key].safeParse(raw);
    return r.success ? (r.data as StateValue<K>) : undefined;
  }
  set<K extends StateKey>(key: K, value: StateValue<K>): void {
    const v = STATE[key].parse(value);
    this.db.prepare('INSERT INTO app_state(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(v));
  }
  delete(key: StateKey): void {
    this.db.prepare('DELETE FROM app_state WHERE key = ?').run(key);
  }
}

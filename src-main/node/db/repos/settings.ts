import { SETTING_KEYS, isSettingKey, parseSetting, resolveSettings, type SettingKey, type SettingSource, type Settings } from '../../../shared/settings';
import { CodedError } from '../../../shared/result';
import type { Db } from '../connection';

/**
 * The typed store of user settings (shared/settings.ts is the table): saved values in the
 * `settings` table, environment variables winning where the table names one, defaults below.
 * Every write is validated; a saved value that no longer validates reads as its default.
 */
export class SettingsRepo {
  constructor(private readonly db: Db, private readonly env: Record<string, string | undefined> = {}) {}

  /** Saved values only (no env, no defaults). */
  saved(): Record<string, unknown> {
    const rows = this.db.prepare('SELECT key, value FROM settings ORDER BY key').all() as { key: string; value: string }[];
    const out: Record<string, unknown> = {};
    for (const r of rows) {
      if (!isSettingKey(r.key)) continue;
      try {
        out[r.key] = JSON.parse(r.value) as unknown;
      } catch {
        // An unreadable value is no value: the default applies.
      }
    }
    return out;
  }

  /** Every setting with where its value came from. */
  resolve(): { values: Settings; sources: Record<SettingKey, SettingSource> } {
    return resolveSettings(this.saved(), this.env);
  }

  values(): Settings {
    return this.resolve().values;
  }

  get<K extends SettingKey>(key: K): Settings[K] {
    return this.values()[key];
  }

  /** Validates and saves; throws SETTING_INVALID saying what the key accepts. */
  set<K extends SettingKey>(key: K, value: unknown): Settings[K] {
    const r = parseSetting(key, value);
    if (!r.ok) throw new CodedError('SETTING_INVALID', r.message, { key });
    this.db.prepare('INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(r.value));
    return r.value;
  }

  /** Back to the default (or the environment's value). */
  unset(key: SettingKey): void {
    this.db.prepare('DELETE FROM settings WHERE key = ?').run(key);
  }

  static readonly keys = SETTING_KEYS;
}

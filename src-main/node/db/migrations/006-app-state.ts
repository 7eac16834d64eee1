import type { Database } from 'better-sqlite3';

/** Keys that were internal state kept in the settings table before v4. */
const INTERNAL = ['signingSecret', 'hostingPort', 'correctionCounts', 'learnedTerms', 'declinedTerms', 'hotwordTerms', 'windowBounds', 'apiKeyEncrypted', 'cliHotwordLists'];

/**
 * v4: internal state (signing secret, hosting port, learned and declined terms, window bounds, the
 * encrypted key, service statistics, ...) leaves the user settings table for its own, so `settings`
 * holds only what a person can change (shared/settings.ts).
 */
export function up(db: Database): void {
  db.exec('CREATE TABLE app_state (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT');
  const marks = INTERNAL.map(() => '?').join(', ');
  db.prepare(`INSERT INTO app_state(key, value) SELECT key, value FROM settings WHERE key IN (${marks})`).run(...INTERNAL);
  db.prepare(`DELETE FROM settings WHERE key IN (${marks})`).run(...INTERNAL);
  // Correction counts become [term, count] pairs (a term such as "__proto__" is no property name).
  const counts = db.prepare("SELECT value FROM app_state WHERE key = 'correctionCounts'").get() as { value: string } | undefined;
  if (counts) {
    let pairs: [string, number][] = [];
    try {
      const raw = JSON.parse(counts.value) as unknown;
      if (raw && typeof raw === 'object' && !Array.isArray(raw)) pairs = Object.entries(raw).filter((e): e is [string, number] => typeof e[1] === 'number');
    } catch {
      pairs = [];
    }
    db.prepare("UPDATE app_state SET value = ? WHERE key = 'correctionCounts'").run(JSON.stringify(pairs));
  }
}

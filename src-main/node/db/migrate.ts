import type { Database } from 'better-sqlite3';
import { up as v1 } from './migrations/001-initial';
import { up as v2 } from './migrations/002-billing-safety';
import { up as v3 } from './migrations/003-format-keeps';
import { up as v4 } from './migrations/004-app-state';

/** Append-only: migration N brings user_version from N-1 to N. Never edit a released one. */
export const MIGRATIONS: ((db: Database) => void)[] = [v1, v2, v3, v4];

export function migrate(db: Database, target = MIGRATIONS.length): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(`The library was written by a newer Captioner (schema ${current}, this version knows ${MIGRATIONS.length}). Update Captioner to open it.`);
  }
  for (let v = current; v < target; v++) {
    db.transaction(() => {
      (MIGRATIONS[v] as (db: Database) => void)(db);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
  return db.pragma('user_version', { simple: true }) as number;
}

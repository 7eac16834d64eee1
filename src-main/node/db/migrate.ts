import type { Database } from 'better-sqlite3';
import { up as v1 } from './migrations/001-initial';
import { up as v2 } from './migrations/002-billing-safety';
import { up as v3 } from './migrations/003-format-keeps';
import { up as v4 } from './migrations/004-lean-search';
import { up as v5 } from './migrations/005-burn-jobs';
import { up as v6 } from './migrations/006-app-state';
import { up as v7 } from './migrations/007-translations';
import { up as v8 } from './migrations/008-translation-models';
import { up as v9 } from './migrations/009-hosted-last-request';
import { up as v10 } from './migrations/010-job-error-params';
import { up as v11 } from './migrations/011-burn-error-params';
import { registerSearchFunctions } from './search-terms';

/** Append-only: migration N brings user_version from N-1 to N. Never edit a released one. */
export const MIGRATIONS: ((db: Database) => void)[] = [v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11];

/** Migrations that rewrite most of an existing library: the file is compacted after them. */
const REWRITES = new Set([4]);

export function migrate(db: Database, target = MIGRATIONS.length): number {
  // The search index's triggers call these functions: every connection that writes needs them.
  registerSearchFunctions(db);
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(`The library was written by a newer Captioner (schema ${current}, this version knows ${MIGRATIONS.length}). Update Captioner to open it.`);
  }
  let compact = false;
  for (let v = current; v < target; v++) {
    db.transaction(() => {
      (MIGRATIONS[v] as (db: Database) => void)(db);
      db.pragma(`user_version = ${v + 1}`);
    })();
    if (current > 0 && REWRITES.has(v + 1)) compact = true;
  }
  // Give the space of the replaced tables back to the disk (not possible inside a transaction).
  if (compact) db.exec('VACUUM');
  return db.pragma('user_version', { simple: true }) as number;
}

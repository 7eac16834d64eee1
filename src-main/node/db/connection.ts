import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrate';
import { secureLibraryFiles } from './permissions';

export type Db = Database.Database;

/** CAPTIONER_HOME, else the OS user-data folder (the same one Electron's userData points at). */
export function defaultHome(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CAPTIONER_HOME) return env.CAPTIONER_HOME;
  if (process.platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Captioner');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Captioner');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Captioner');
}

/**
 * Opens (creating if needed) the library with WAL, foreign keys and every migration applied.
 * `nativeBinding`: a better_sqlite3.node built for another runtime (the desktop app in development
 * uses an Electron build kept apart from node_modules, see scripts/native-electron.mjs).
 */
export function openDb(path: string, opts: { nativeBinding?: string | undefined } = {}): Db {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 }); // mode applies to folders it creates
  secureLibraryFiles(path);
  const db = new Database(path, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  db.pragma('journal_mode = WAL');
  secureLibraryFiles(path); // the WAL and SHM files of an install from before modes were set
  // FULL by default: a commit survives power loss too, not only a crash of the app. Bookkeeping
  // that may be redone opts out per statement (see relaxed).
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

/**
 * Runs `fn` (statements that each commit on their own) without waiting for the disk:
 * synchronous=NORMAL in WAL mode. Such a commit survives the app crashing or being killed; only
 * power loss can undo it (never corrupt the file), and the next FULL commit makes it durable too.
 * For bookkeeping that is cheap to redo (a job's stage, which resumes from the last durable point);
 * never for what guards money (a submit intent, a download record). Inside a transaction, the
 * transaction's own setting applies.
 */
export function relaxed<T>(db: Db, fn: () => T): T {
  if (db.inTransaction) return fn();
  db.pragma('synchronous = NORMAL');
  try {
    return fn();
  } finally {
    db.pragma('synchronous = FULL');
  }
}

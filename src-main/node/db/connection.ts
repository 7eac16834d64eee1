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
  // FULL: a committed job stage must survive power loss too, not only a crash of the app.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';

/**
 * The library holds the signing secret, and the API key in headless mode: the database with its
 * WAL and SHM files is 0600 (and the library folder 0700, see secureLibraryFolder), for new
 * libraries and existing ones alike.
 * SQLite creates the WAL and SHM files with the database file's mode, so the database is
 * created 0600 before SQLite opens it. (POSIX only: on Windows the profile folder's ACL applies.)
 */
export function secureLibraryFiles(dbPath: string): void {
  if (process.platform === 'win32') return;
  if (!existsSync(dbPath)) closeSync(openSync(dbPath, 'a', 0o600));
  for (const f of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`, `${dbPath}-journal`]) {
    try {
      chmodSync(f, 0o600);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
}

/** The library folder itself: only its owner may list or enter it. */
export function secureLibraryFolder(home: string): void {
  if (process.platform !== 'win32') chmodSync(home, 0o700);
}

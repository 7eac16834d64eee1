import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApp } from '../../src-main/node/app';
import { openDb } from '../../src-main/node/db/connection';
import { electronBindingPath } from '../../scripts/native-paths.cjs';

/**
 * The desktop app in development opens the library with an Electron build of better-sqlite3 kept
 * in .native/ (better-sqlite3's nativeBinding option) while node_modules keeps Node's. Here the
 * option is exercised with the Node build copied elsewhere, and with a file that is not a module.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const nodeBuild = join(dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');

describe('better-sqlite3 native binding kept apart', () => {
  it('opens the library through an explicit nativeBinding, as the dev app does', async () => {
    const app = openApp({ home: mkdtempSync(join(tmpdir(), 'native-')), env: { PATH: '' }, nativeBinding: nodeBuild });
    try {
      app.settings.set('model', 'fun-asr-mtl');
      expect(app.settings.get('model')).toBe('fun-asr-mtl');
    } finally {
      await app.close();
    }
  });

  it('a binding that is not a loadable module fails loudly instead of falling back', () => {
    const bogus = join(mkdtempSync(join(tmpdir(), 'native-')), 'better_sqlite3.node');
    writeFileSync(bogus, 'not a shared object');
    expect(() => openDb(join(dirname(bogus), 'library.db'), { nativeBinding: bogus })).toThrow(/better_sqlite3\.node|invalid ELF|file too short/);
  });

  it('keeps the Electron build under .native/, per Electron version, platform and arch', () => {
    expect(electronBindingPath(ROOT, '38.8.6', 'darwin', 'arm64')).toBe(join(ROOT, '.native', 'electron-38.8.6-darwin-arm64', 'better_sqlite3.node'));
    expect(electronBindingPath(ROOT, '38.8.6', 'linux', 'x64')).not.toContain('node_modules');
  });
});

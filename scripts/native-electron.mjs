#!/usr/bin/env node
// Builds better-sqlite3 for the installed Electron into .native/ (never into node_modules), so
// `npm run dev` and packaging get an Electron build while `npm test` and the CLI keep Node's.
// Usage: node scripts/native-electron.mjs [--arch x64|arm64] [--force]
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { electronBindingPath } = require('./native-paths.cjs');
const args = process.argv.slice(2);
const arch = args.includes('--arch') ? args[args.indexOf('--arch') + 1] : process.arch;
const electronVersion = require('electron/package.json').version;
const target = electronBindingPath(root, electronVersion, process.platform, arch);

if (existsSync(target) && !args.includes('--force')) {
  console.log(`better-sqlite3 for Electron ${electronVersion} (${process.platform}-${arch}) is ready: ${target}`);
  process.exit(0);
}
// Rebuild a copy of the module in a scratch project: @electron/rebuild works in place, and the
// place must not be node_modules/better-sqlite3.
const scratch = mkdtempSync(join(tmpdir(), 'captioner-native-'));
try {
  const src = dirname(require.resolve('better-sqlite3/package.json'));
  const copy = join(scratch, 'node_modules', 'better-sqlite3');
  cpSync(src, copy, { recursive: true, filter: (p) => !p.includes(`${join('better-sqlite3', 'build')}`) });
  cpSync(join(root, 'package.json'), join(scratch, 'package.json'));
  const { rebuild } = await import('@electron/rebuild');
  await rebuild({ buildPath: scratch, electronVersion, arch, onlyModules: ['better-sqlite3'], force: true });
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(join(copy, 'build', 'Release', 'better_sqlite3.node'), target);
  console.log(`built better-sqlite3 for Electron ${electronVersion} (${process.platform}-${arch}): ${target}`);
} catch (e) {
  console.error(`Could not build better-sqlite3 for Electron ${electronVersion}: ${e instanceof Error ? e.message : e}\n` +
    'It needs a C++ toolchain (or a prebuilt binary from the network) and Electron\'s headers. node_modules is untouched.');
  process.exitCode = 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron } from 'playwright-core';
import { electronBindingPath } from '../../scripts/native-paths.cjs';
import { ROOT, screenshot } from '../helpers/app-session';
import { describe, expect, it } from 'vitest';

/**
 * Runs the desktop build for real when an Electron binary is installed. Where it is not (installs
 * with ELECTRON_SKIP_BINARY_DOWNLOAD=1, as on CI here) the suite is skipped, and its name says why.
 */
function electronBinary(): string | null {
  try {
    const p = createRequire(import.meta.url)('electron') as unknown;
    return typeof p === 'string' && existsSync(p) ? p : null;
  } catch {
    return null; // the npm package throws when its binary was never downloaded
  }
}
/** better-sqlite3 is native: the app in development loads an Electron build kept in .native/ (npm run native:electron). */
function sqliteLoadsIn(bin: string): boolean {
  const version = (createRequire(import.meta.url)('electron/package.json') as { version: string }).version;
  const binding = electronBindingPath(ROOT, version);
  if (!existsSync(binding)) return false;
  const r = spawnSync(bin, ['-e', `require('better-sqlite3')(':memory:', { nativeBinding: ${JSON.stringify(binding)} })`], { cwd: ROOT, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, timeout: 30_000 });
  return r.status === 0;
}
const binary = electronBinary();
const abiOk = binary ? sqliteLoadsIn(binary) : false;
const title = !binary
  ? 'Electron desktop app — SKIPPED: no Electron binary (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1); the same UI is covered in Chromium by app.test.ts'
  : !abiOk
    ? "Electron desktop app — SKIPPED: no Electron build of better-sqlite3 in .native/; run 'npm run native:electron' (node_modules keeps Node's build)"
    : 'Electron desktop app';

describe.skipIf(!binary || !abiOk)(title, () => {
  it('opens a sandboxed, context-isolated window with only the contract bridge', async () => {
    const app = await electron.launch({ executablePath: binary as string, args: [ROOT], env: { ...process.env, CAPTIONER_HOME: mkdtempSync(join(tmpdir(), 'electron-')) } });
    try {
      const win = await app.firstWindow();
      await win.getByRole('heading', { name: 'Queue' }).waitFor();
      // No Node in the page, only the bridge: what contextIsolation + sandbox + no nodeIntegration give.
      expect(await win.evaluate(() => [typeof (window as unknown as { require?: unknown }).require, typeof (window as unknown as { process?: unknown }).process, typeof window.captioner?.call])).toEqual(['undefined', 'undefined', 'function']);
      const refused = await win.evaluate(() => window.captioner?.call('fs:readFile', {}));
      expect(refused).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
      await screenshot(win, 'electron-queue');
    } finally {
      await app.close();
    }
  });
});

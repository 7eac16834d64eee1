import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extraToolDirs, locateTools } from '../../src-main/node/media/locate';

/**
 * `npm run package:check` for real: electron-builder packages the Linux app (--dir target, a
 * placeholder Electron runtime) and the script checks the layout; then the media locator is run
 * against the packaged resources folder, as the packaged app runs it (resourcesDir =
 * process.resourcesPath).
 */
const ROOT = join(import.meta.dirname, '..', '..');
let dir: string | undefined;

afterAll(() => {
  if (dir) rmSync(dirname(dirname(dir)), { recursive: true, force: true });
});

describe('packaging', () => {
  it('packages the Linux app and every layout check passes, within the size budget', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'package-check.mjs'), '--keep'], { cwd: ROOT, encoding: 'utf8', timeout: 240_000 });
    const summary = /^PACKAGE_CHECK (.*)$/m.exec(r.stdout)?.[1];
    dir = /^PACKAGE_DIR (.*)$/m.exec(r.stdout)?.[1];
    expect(summary, `${r.stdout}\n${r.stderr}`).toBeDefined();
    const s = JSON.parse(summary as string) as { ok: boolean; seconds: number; resourcesMiB: number; budgetMiB: number; failures: string[] };
    console.log(`package:check took ${s.seconds} s; resources ${s.resourcesMiB} MiB of a ${s.budgetMiB} MiB budget`);
    expect(s.failures).toEqual([]);
    expect([s.ok, r.status]).toEqual([true, 0]);
    expect(s.resourcesMiB).toBeLessThanOrEqual(s.budgetMiB);
  }, 300_000);

  it('the packaged app finds its own ffmpeg and ffprobe before anything on PATH', () => {
    expect(dir).toBeDefined();
    const resources = join(dir as string, 'resources');
    const found = locateTools({ resourcesDir: resources, env: { PATH: '/usr/bin:/bin' } });
    expect(found).toEqual({ ffmpeg: join(resources, 'bin', 'ffmpeg'), ffprobe: join(resources, 'bin', 'ffprobe') });
    // A setting still wins over the bundled copy.
    expect(locateTools({ resourcesDir: resources, ffmpeg: '/usr/bin/ffmpeg', env: { PATH: '' } }).ffmpeg).toBe('/usr/bin/ffmpeg');
  });

  it('a GUI launch without Homebrew on PATH still finds ffmpeg in the package managers\' folders', () => {
    expect(extraToolDirs('darwin')).toContain('/opt/homebrew/bin');
    expect(locateTools({ env: { PATH: '/nonexistent' }, extraDirs: ['/usr/bin'] }).ffmpeg).toBe('/usr/bin/ffmpeg');
    expect(() => locateTools({ env: { PATH: '/nonexistent' }, extraDirs: [] })).toThrow(/ffmpeg was not found/);
  });
});

#!/usr/bin/env node
// npm run package:check — packages the Linux app with electron-builder's --dir target, using a
// placeholder Electron runtime (the real binary cannot be downloaded on these machines), and checks
// what an installer would contain. Needs the built app (npm run build:ui). Prints the time taken
// and the size against the budget; exits 1 with every failed check listed.
import { spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Budget for what Captioner adds to the Electron runtime (resources/: app.asar, native module, ffmpeg, ffprobe). */
export const BUDGET_MIB = 160;
const started = Date.now();
const keep = process.argv.includes('--keep');

const pkg = require(join(root, 'package.json'));
const config = require(join(root, 'electron-builder.config.cjs'));
for (const f of ['out/main/index.cjs', 'out/preload/index.cjs', 'out/renderer/index.html']) {
  if (!existsSync(join(root, f))) {
    console.error(`package:check: ${f} is missing; build the app first (npm run build:ui).`);
    process.exit(1);
  }
}

const work = mkdtempSync(join(tmpdir(), 'captioner-package-'));
// The placeholder runtime: a folder shaped like an unpacked Electron for Linux, with an executable named electron.
const runtime = join(work, 'electron-dist');
mkdirSync(runtime);
writeFileSync(join(runtime, 'electron'), '#!/bin/sh\necho "placeholder Electron runtime (package:check)"\n');
chmodSync(join(runtime, 'electron'), 0o755);
writeFileSync(join(runtime, 'version'), require('electron/package.json').version);

const failures = [];
const check = (ok, what) => {
  if (!ok) failures.push(what);
  console.log(`${ok ? '  ok  ' : '  FAIL'} ${what}`);
};
const mib = (bytes) => (bytes / 1048576).toFixed(1);
function du(p) {
  const s = statSync(p);
  if (!s.isDirectory()) return s.size;
  return readdirSync(p).reduce((sum, n) => sum + du(join(p, n)), 0);
}

try {
  const { build, Platform, Arch } = require('electron-builder');
  process.env.CAPTIONER_PLACEHOLDER_RUNTIME = '1';
  await build({
    projectDir: root,
    targets: Platform.LINUX.createTarget('dir', Arch.x64),
    publish: 'never',
    config: { ...config, electronDist: runtime, electronVersion: require('electron/package.json').version, directories: { ...config.directories, output: join(work, 'dist') } },
  });
  const builtIn = ((Date.now() - started) / 1000).toFixed(1);
  const app = join(work, 'dist', 'linux-unpacked');
  const res = join(app, 'resources');
  console.log(`\npackage:check — ${app}`);

  check(existsSync(join(app, 'captioner-desktop')), 'the executable is named captioner-desktop (captioner is the CLI)');
  const asar = require('@electron/asar');
  const asarPath = join(res, 'app.asar');
  const files = existsSync(asarPath) ? asar.listPackage(asarPath, { isPack: false }).map((f) => f.replaceAll('\\', '/')) : [];
  for (const f of ['/out/main/index.cjs', '/out/preload/index.cjs', '/out/renderer/index.html', '/package.json']) check(files.includes(f), `app.asar contains ${f.slice(1)}`);
  check(files.some((f) => /^\/out\/renderer\/assets\/index-[\w-]+\.js$/.test(f)), 'app.asar contains the renderer bundle');
  check(!files.some((f) => f.endsWith('.map') || f.startsWith('/src-') || f.startsWith('/test/')), 'no sources, tests or source maps in app.asar');
  const packaged = JSON.parse(asar.extractFile(asarPath, 'package.json').toString());
  check(packaged.main === 'out/main/index.cjs' && packaged.productName === 'Captioner', 'package.json: main out/main/index.cjs, productName Captioner');
  const html = asar.extractFile(asarPath, 'out/renderer/index.html').toString();
  check(/<meta http-equiv="Content-Security-Policy" content="[^"]*script-src 'self';/.test(html), 'the packaged renderer carries the production CSP');

  const modules = new Set(files.map((f) => /^\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(f)?.[1]).filter(Boolean));
  const devDeps = Object.keys(pkg.devDependencies ?? {}).filter((d) => modules.has(d));
  check(devDeps.length === 0, `no devDependencies in the package${devDeps.length ? `: ${devDeps.join(', ')}` : ''}`);
  check(['better-sqlite3', 'fluent-ffmpeg', 'ws', 'zod'].every((m) => modules.has(m)), 'the runtime dependencies are in the package');

  const native = join(res, 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  check(existsSync(native), 'better_sqlite3.node is unpacked from the asar');
  check(!files.some((f) => f.endsWith('.node') && !asar.statFile(asarPath, f.slice(1)).unpacked), 'no native module left inside the asar');

  for (const tool of ['ffmpeg', 'ffprobe']) {
    const p = join(res, 'bin', tool);
    let executable = false;
    try {
      accessSync(p, constants.X_OK);
      executable = true;
    } catch {
      // checked below
    }
    check(executable, `resources/bin/${tool} is present and executable`);
    const r = executable ? spawnSync(p, ['-version'], { encoding: 'utf8', timeout: 20_000 }) : undefined;
    check(r?.status === 0 && r.stdout.startsWith(`${tool} version`), `resources/bin/${tool} -version answers${r?.stdout ? ` (${r.stdout.split('\n')[0].slice(0, 60)})` : ''}`);
  }
  check(existsSync(join(res, 'licenses', 'FFMPEG-NOTICE.txt')) && existsSync(join(res, 'licenses', 'GPL-3.0.txt')), 'the ffmpeg licence notice and GPL text ship beside the binaries');

  check(existsSync(join(res, 'icon.png')), 'the window icon is in resources/');
  const icons = ['resources/icon.icns', 'resources/icon.ico', ...[16, 32, 48, 64, 128, 256, 512, 1024].map((s) => `resources/icons/${s}x${s}.png`)];
  const missing = icons.filter((i) => !existsSync(join(root, i)));
  check(missing.length === 0, `icons for every target (icns, ico, Linux sizes 16–1024)${missing.length ? `; missing ${missing.join(', ')}` : ''}`);

  const size = du(res);
  check(size <= BUDGET_MIB * 1048576, `size of what Captioner adds (resources/): ${mib(size)} MiB, budget ${BUDGET_MIB} MiB`);
  console.log(`\n  app.asar ${mib(statSync(asarPath).size)} MiB · unpacked native ${mib(du(join(res, 'app.asar.unpacked')))} MiB · ffmpeg+ffprobe ${mib(du(join(res, 'bin')))} MiB`);
  console.log(`  packaged in ${builtIn} s, checked in ${((Date.now() - started) / 1000).toFixed(1)} s total`);
  console.log(`PACKAGE_CHECK ${JSON.stringify({ ok: failures.length === 0, seconds: Number(((Date.now() - started) / 1000).toFixed(1)), resourcesMiB: Number(mib(size)), budgetMiB: BUDGET_MIB, failures })}`);
} catch (e) {
  failures.push(`electron-builder failed: ${e instanceof Error ? e.message : e}`);
  console.error(e);
} finally {
  if (!keep) rmSync(work, { recursive: true, force: true });
  else console.log(`PACKAGE_DIR ${join(work, 'dist', 'linux-unpacked')}`);
}
process.exit(failures.length ? 1 : 0);

// electron-builder afterPack hook: make the bundled tools executable and put the Electron build of
// better-sqlite3 (made by scripts/native-electron.mjs, kept in .native/) into app.asar.unpacked.
/* eslint-disable @typescript-eslint/no-require-imports */
const { chmodSync, copyFileSync, existsSync } = require('node:fs');
const { join } = require('node:path');
const { Arch } = require('builder-util');
const { electronBindingPath } = require('./native-paths.cjs');

/** @param {import('electron-builder').AfterPackContext} context */
module.exports = async function afterPack(context) {
  const platform = context.electronPlatformName;
  const arch = Arch[context.arch];
  const resources = platform === 'darwin' ? join(context.appOutDir, `${context.packager.appInfo.productFilename}.app`, 'Contents', 'Resources') : join(context.appOutDir, 'resources');
  for (const tool of ['ffmpeg', 'ffprobe']) {
    const p = join(resources, 'bin', platform === 'win32' ? `${tool}.exe` : tool);
    if (!existsSync(p)) throw new Error(`${tool} for ${platform}-${arch} is missing from the package (${p}): is @${tool}-installer/${platform}-${arch} installed?`);
    if (platform !== 'win32') chmodSync(p, 0o755);
  }
  const target = join(resources, 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  if (process.env.CAPTIONER_PLACEHOLDER_RUNTIME === '1') return; // package:check: no real Electron to build for
  const version = context.packager.config.electronVersion || require('electron/package.json').version;
  const built = electronBindingPath(context.packager.projectDir, version, platform, arch);
  if (!existsSync(built)) throw new Error(`No Electron build of better-sqlite3 for ${platform}-${arch} (${built}). Run: node scripts/native-electron.mjs --arch ${arch}`);
  copyFileSync(built, target);
};

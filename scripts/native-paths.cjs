// Where the Electron build of better-sqlite3 is kept, apart from node_modules (whose build stays
// Node's, for the tests and the CLI). Shared by scripts/native-electron.mjs, the packaging config
// and the desktop app in development (src-main/index.ts computes the same path).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS: loaded by the packaging config too
const { join } = require('node:path');

/** @param {string} root @param {string} electronVersion @param {string} platform @param {string} arch */
function electronBindingPath(root, electronVersion, platform = process.platform, arch = process.arch) {
  return join(root, '.native', `electron-${electronVersion}-${platform}-${arch}`, 'better_sqlite3.node');
}

module.exports = { electronBindingPath };

/**
 * What a person sees when Captioner cannot start: the reason, and what to do about it. A Dock or
 * Start-menu launch has no terminal, so this goes to a dialog, not only to stderr.
 */
export function startupFailure(err: unknown, home: string): { title: string; detail: string } {
  const e = (err ?? {}) as { code?: unknown; message?: unknown; syscall?: unknown; address?: unknown };
  const code = typeof e.code === 'string' ? e.code : undefined;
  const message = typeof e.message === 'string' ? e.message : String(err);
  const title = 'Captioner could not start';
  if (code === 'LIBRARY_BUSY') {
    return { title, detail: `${message}\n\nQuit the other Captioner (or stop "captioner serve" with Ctrl+C), then open Captioner again.` };
  }
  if (e.syscall === 'listen' && (code === 'EADDRNOTAVAIL' || code === 'EACCES' || code === 'EADDRINUSE')) {
    const where = typeof e.address === 'string' ? e.address : 'the configured address';
    return {
      title,
      detail: `The signed-URL server could not listen on ${where} (${code}). The "bindHost" setting probably names an address this computer no longer has.\n\nRun "captioner config unset bindHost" (or set it to an address of this computer), then open Captioner again.`,
    };
  }
  if (/NODE_MODULE_VERSION|better_sqlite3\.node/.test(message)) {
    return { title, detail: `The SQLite driver was built for another runtime: ${message}\n\nIn a source checkout run "npm run native:electron" (it builds the Electron copy into .native/ and leaves node_modules alone). An installed Captioner should never show this: reinstall it.` };
  }
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') {
    return { title, detail: `The library file ${home}/library.db is damaged (${code}). Move it away (keep a copy) and open Captioner again to start a new library.` };
  }
  if (code === 'SQLITE_CANTOPEN' || code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return { title, detail: `The library folder ${home} cannot be opened or written (${code}): ${message}\n\nCheck its permissions, or set CAPTIONER_HOME to another folder.` };
  }
  return { title, detail: `${message}${code ? ` [${code}]` : ''}\n\nLibrary: ${home}\nIf this keeps happening, start Captioner from a terminal to see more, and report it with this text.` };
}

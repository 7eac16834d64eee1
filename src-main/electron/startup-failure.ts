import { MESSAGES, type Lang } from './messages';

/**
 * What a person sees when Captioner cannot start: the reason, and what to do about it. A Dock or
 * Start-menu launch has no terminal, so this goes to a dialog, not only to stderr.
 */
export function startupFailure(err: unknown, home: string, lang: Lang = 'en'): { title: string; detail: string } {
  const t = MESSAGES[lang];
  const e = (err ?? {}) as { code?: unknown; message?: unknown; syscall?: unknown; address?: unknown };
  const code = typeof e.code === 'string' ? e.code : undefined;
  const message = typeof e.message === 'string' ? e.message : String(err);
  const title = t.startTitle;
  if (code === 'LIBRARY_BUSY') return { title, detail: t.busy(message) };
  if (code && e.syscall === 'listen' && ['EADDRNOTAVAIL', 'EACCES', 'EADDRINUSE'].includes(code)) {
    return { title, detail: t.bind(typeof e.address === 'string' ? e.address : 'bindHost', code) };
  }
  if (/NODE_MODULE_VERSION|better_sqlite3\.node/.test(message)) return { title, detail: t.abi(message) };
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') return { title, detail: t.corrupt(home, code) };
  if (code && ['SQLITE_CANTOPEN', 'EACCES', 'EPERM', 'EROFS'].includes(code)) return { title, detail: t.access(home, code, message) };
  return { title, detail: t.other(`${message}${code ? ` [${code}]` : ''}`, home) };
}

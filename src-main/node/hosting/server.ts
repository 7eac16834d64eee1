import { createReadStream } from 'node:fs';
import { proxyRemote } from './proxy';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sign, verify } from './signer';

export interface HostedFile {
  path: string;
  mime: string;
}

export interface HostingOptions {
  secret: string;
  /** Finds a registered, unrevoked file; persistent so that URLs survive a restart of the app. */
  lookup: (fileId: string) => HostedFile | undefined;
  host?: string;
  port?: number;
  /** Base URL the service reaches us at (tunnel, reverse proxy, port forward); default the bound address. Read per URL, so a settings change applies at once. */
  publicBaseUrl?: string | (() => string | undefined);
  now?: () => number;
  log?: (line: string) => void;
  /** A GET for a registered file was accepted; called before a byte is sent. */
  onRequest?: (fileId: string) => void;
  /** A GET sent the whole file. */
  onServed?: (fileId: string) => void;
}

export interface HostingServer {
  readonly baseUrl: string;
  /** This machine's own address of the server (the editor's media preview uses it). */
  readonly localBaseUrl: string;
  readonly port: number;
  /** When this server started (ms): a download attempted before then found nobody serving. */
  readonly startedAt: number;
  /** A signed URL for a registered file, valid for ttlSeconds, on the public base URL if set. */
  urlFor(fileId: string, ttlSeconds: number): string;
  localUrlFor(fileId: string, ttlSeconds: number): string;
  close(): Promise<void>;
}

type Range = { start: number; end: number } | 'unsatisfiable' | null;

/** RFC 9110 byte ranges; only a single range is honoured, anything else gets the whole file. */
export function parseRange(header: string | undefined, size: number): Range {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (m[2] !== '' && Number(m[2]) < start) return null; // invalid: ignore the header
  if (start >= size) return 'unsatisfiable';
  return { start, end };
}

const ID = /^\/([A-Za-z0-9_-]{8,64})$/;

export async function startHosting(opts: HostingOptions): Promise<HostingServer> {
  const now = opts.now ?? Date.now;
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'private, no-transform');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Length': 0 }).end();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://x');
    const id = ID.exec(url.pathname)?.[1];
    const exp = Number(url.searchParams.get('exp'));
    const sig = url.searchParams.get('sig') ?? '';
    if (!id) {
      res.writeHead(404, { 'Content-Length': 0 }).end();
      return;
    }
    if (!verify(opts.secret, id, exp, sig, req.method, Math.floor(now() / 1000))) {
      res.writeHead(403, { 'Content-Type': 'text/plain', 'Content-Length': 9 }).end('Forbidden');
      return;
    }
    const file = opts.lookup(id);
    // Recorded in the same tick as the lookup: a revoke cannot slip between them unrecorded.
    if (file && req.method === 'GET') opts.onRequest?.(id);
    if (file && /^https?:\/\//i.test(file.path)) return proxyRemote(req, res, file.path, file.mime); // a link's media, for the editor (issue 14)
    const st = file ? await stat(file.path).catch(() => null) : null;
    if (!file || !st?.isFile()) {
      res.writeHead(404, { 'Content-Length': 0 }).end();
      return;
    }
    const etag = `"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}"`;
    const headers: Record<string, string | number> = { 'Content-Type': file.mime, 'Accept-Ranges': 'bytes', ETag: etag, 'Last-Modified': st.mtime.toUTCString() };
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers).end();
      return;
    }
    const ifRange = req.headers['if-range'];
    const range = ifRange && ifRange !== etag ? null : parseRange(req.headers.range, st.size);
    if (range === 'unsatisfiable') {
      res.writeHead(416, { 'Content-Range': `bytes */${st.size}`, 'Content-Length': 0 }).end();
      return;
    }
    const { start, end } = range ?? { start: 0, end: st.size - 1 };
    const length = st.size === 0 ? 0 : end - start + 1;
    if (range) headers['Content-Range'] = `bytes ${start}-${end}/${st.size}`;
    headers['Content-Length'] = length;
    // One body per connection, closed gracefully after its last byte. Kept alive, the connection's
    // idle timer (5 s) starts once the last byte is handed to the kernel, while a slow downloader
    // (the service on a slow link) may still be draining megabytes from the socket buffers: the
    // server then destroyed the socket and the download failed at its very end (seen as
    // InvalidFile.DownloadFailed after Captioner "sent the whole file").
    headers.Connection = 'close';
    res.writeHead(range ? 206 : 200, headers);
    if (req.method === 'HEAD' || length === 0) {
      res.end();
      return;
    }
    const stream = createReadStream(file.path, { start, end });
    stream.on('error', () => res.destroy());
    res.on('finish', () => {
      if (start === 0 && end === st.size - 1) opts.onServed?.(id);
    });
    res.on('close', () => stream.destroy());
    stream.pipe(res);
    opts.log?.(`served ${id} ${start}-${end}`);
  };
  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Length': 0 });
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  const localBase = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${addr.port}`;
  const publicBase = (): string => {
    const p = typeof opts.publicBaseUrl === 'function' ? opts.publicBaseUrl() : opts.publicBaseUrl;
    return (p || localBase).replace(/\/+$/, '');
  };
  return {
    get baseUrl() {
      return publicBase();
    },
    localBaseUrl: localBase,
    port: addr.port,
    startedAt: now(),
    urlFor(fileId, ttlSeconds) {
      const exp = Math.floor(now() / 1000) + Math.max(1, Math.round(ttlSeconds));
      return `${publicBase()}/${fileId}?exp=${exp}&sig=${sign(opts.secret, fileId, exp)}`;
    },
    localUrlFor(fileId, ttlSeconds) {
      const exp = Math.floor(now() / 1000) + Math.max(1, Math.round(ttlSeconds));
      return `${localBase}/${fileId}?exp=${exp}&sig=${sign(opts.secret, fileId, exp)}`;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

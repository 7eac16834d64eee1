import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { apiErrorData } from '../../shared/api-codes';
import { toAppError } from '../../shared/result';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Api } from '../api';
import { connection, MAX_FRAME_BYTES } from './rpc-socket';
import type { Uploads } from './uploads';

export interface ServeOptions {
  api: Api;
  /** The built renderer (index.html and assets). */
  staticDir: string;
  /** Where files dropped in a browser are saved before they are captioned. */
  uploads: Uploads;
  /** Origin of the signed-URL server, allowed as a media source by the CSP. */
  mediaOrigin: string;
  host?: string;
  port?: number;
  token?: string;
}

export interface ServeHandle {
  url: string;
  port: number;
  token: string;
  /** Sends a push event to every connected page. */
  broadcast(event: string, payload: unknown): void;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.json': 'application/json' };

const sameToken = (given: string | null, token: string): boolean => {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * The headless mode's transport: serves the built renderer on loopback and carries the same
 * contract over a WebSocket, guarded by a random token that only the printed URL carries.
 */
export async function serve(o: ServeOptions): Promise<ServeHandle> {
  const token = o.token ?? randomBytes(24).toString('base64url');
  const host = o.host ?? '127.0.0.1';
  let port = 0;
  const csp = () =>
    [
      "default-src 'self'", `connect-src 'self' ws://${host}:${port}`, `media-src 'self' blob: ${o.mediaOrigin}`, "img-src 'self' data: blob:",
      "style-src 'self' 'unsafe-inline'", "script-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'none'",
    ].join('; ');

  async function upload(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const reply = (status: number, body: unknown): void => {
      if (!res.headersSent) res.writeHead(status, { 'Content-Type': 'application/json', Connection: 'close' });
      res.end(JSON.stringify(body));
    };
    try {
      reply(200, { path: await o.uploads.receive(req, url.searchParams.get('name') ?? '') });
    } catch (e) {
      // `error` is the English message (older pages and scripts read it); code and params are what the page words.
      const err = apiErrorData(toAppError(e, 'UPLOAD_FAILED'));
      reply(err.code === 'UPLOAD_TOO_LARGE' ? 413 : err.code === 'UPLOAD_NO_NAME' ? 400 : 500, { error: err.message, code: err.code, ...(err.params ? { params: err.params } : {}) });
      if (err.code === 'UPLOAD_TOO_LARGE') req.destroy(); // do not read the rest of an oversized body
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    if (url.pathname === '/upload') {
      if (req.method !== 'POST' || !sameToken(url.searchParams.get('token'), token)) {
        res.writeHead(403).end();
        return;
      }
      return upload(req, res, url);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const rel = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '');
    let file = join(o.staticDir, rel || 'index.html');
    if (!file.startsWith(o.staticDir + sep) && file !== o.staticDir) {
      res.writeHead(404).end();
      return;
    }
    const st = await stat(file).catch(() => null);
    if (!st?.isFile()) file = join(o.staticDir, 'index.html'); // single-page app
    const body = await readFile(file).catch(() => null);
    if (!body) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('The UI is not built: run "npm run build" first.');
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Security-Policy': csp(), 'Cache-Control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  // A malformed HTTP request or a reset socket is that client's problem, never the server's.
  server.on('clientError', (_e, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://x');
    const origin = req.headers.origin;
    // Token in the URL, and the page must come from this server (no cross-site WebSocket hijack).
    if (url.pathname !== '/ws' || !sameToken(url.searchParams.get('token'), token) || (origin !== undefined && origin !== `http://${host}:${port}`)) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  wss.on('error', () => undefined); // never emitted in noServer mode; a listener keeps it that way
  wss.on('connection', (ws: WebSocket) => connection(ws, o.api));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  server.on('error', () => undefined); // after listen, errors belong to single connections
  return {
    url: `http://${host}:${port}/?token=${token}`,
    port,
    token,
    broadcast(event, payload) {
      const text = JSON.stringify({ event, payload });
      for (const c of wss.clients) if (c.readyState === c.OPEN) c.send(text);
    },
    close: async () => {
      for (const c of wss.clients) c.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

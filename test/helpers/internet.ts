import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback HTTP server standing for "the internet" (issue 14): media with byte ranges, redirects,
 * a redirect loop, 404, 403, a server that never answers, non-media, a web page, a signed link that
 * expires, and a link blocked for the service (its downloads come from Node, Captioner's from ffmpeg).
 * Every request is recorded, so tests can prove what was downloaded, by whom, and how much.
 */
export interface Hit {
  path: string;
  range: string | undefined;
  userAgent: string;
  /** Bytes of the body sent. */
  bytes: number;
  status: number;
  /** When the request came (Date.now()). */
  at: number;
}

export interface Internet {
  url: string;
  /** Serves a file's bytes at /files/<name> (and the other routes below). */
  put(name: string, file: string, type?: string): void;
  /** /signed/<name>?exp=&sig= valid until `expiresAt` (the server's own clock, ms). */
  signed(name: string, expiresAt: number): string;
  /** Moves the server's clock (a signed link expires without waiting). */
  advance(ms: number): void;
  /** The /region/ route serves the service too from now on (the link was made reachable). */
  openRegion(): void;
  hits: Hit[];
  /** Requests for a path that asked for the whole body (no Range), i.e. downloads. */
  fullGets(path: string): number;
  close(): Promise<void>;
}

const MIME: Record<string, string> = { mp4: 'video/mp4', mkv: 'video/x-matroska', mp3: 'audio/mpeg', wav: 'audio/wav', m4a: 'audio/mp4', ogg: 'audio/ogg', webm: 'video/webm' };

export async function startInternet(): Promise<Internet> {
  const files = new Map<string, { bytes: Buffer; type: string }>();
  const hits: Hit[] = [];
  const secret = 'internet-secret';
  let offset = 0;
  let regionOpen = false;
  const sign = (name: string, exp: number): string => createHmac('sha256', secret).update(`${name}:${exp}`).digest('hex');
  const held: ServerResponse[] = [];

  const serveFile = (req: IncomingMessage, res: ServerResponse, hit: Hit, name: string): void => {
    const f = files.get(name);
    if (!f) return void end(res, hit, 404, 'text/plain', 'Not Found');
    const size = f.bytes.length;
    const m = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
    let start = 0;
    let stop = size - 1;
    if (m) {
      if (m[1] === '') start = Math.max(0, size - Number(m[2]));
      else {
        start = Number(m[1]);
        if (m[2] !== '') stop = Math.min(size - 1, Number(m[2]));
      }
      if (start >= size) {
        hit.status = 416;
        res.writeHead(416, { 'Content-Range': `bytes */${size}` }).end();
        return;
      }
    }
    const body = f.bytes.subarray(start, stop + 1);
    hit.status = m ? 206 : 200;
    hit.bytes = req.method === 'HEAD' ? 0 : body.length;
    res.writeHead(hit.status, { 'Content-Type': f.type, 'Accept-Ranges': 'bytes', 'Content-Length': body.length, ...(m ? { 'Content-Range': `bytes ${start}-${stop}/${size}` } : {}) });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  const end = (res: ServerResponse, hit: Hit, status: number, type: string, body: string, headers: Record<string, string> = {}): void => {
    hit.status = status;
    hit.bytes = Buffer.byteLength(body);
    res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), ...headers }).end(body);
  };

  const server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const hit: Hit = { path: u.pathname, range: req.headers.range, userAgent: req.headers['user-agent'] ?? '', bytes: 0, status: 0, at: Date.now() };
    hits.push(hit);
    const parts = u.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const [kind, a, b] = parts;
    switch (kind) {
      case 'files':
        return serveFile(req, res, hit, a ?? '');
      case 'redirect': // /redirect/<n>/<name>: n hops, then the file
        return Number(a) > 0 ? end(res, hit, 302, 'text/plain', '', { Location: `/redirect/${Number(a) - 1}/${b}` }) : serveFile(req, res, hit, b ?? '');
      case 'loop': // /loop/a <-> /loop/b
        return end(res, hit, 302, 'text/plain', '', { Location: a === 'a' ? '/loop/b' : '/loop/a' });
      case 'missing':
        return end(res, hit, 404, 'text/html', '<h1>Not Found</h1>');
      case 'private':
        return end(res, hit, 403, 'application/xml', '<Error><Code>AccessDenied</Code></Error>');
      case 'slow': // headers never come
        held.push(res);
        return;
      case 'text':
        return end(res, hit, 200, 'text/plain', 'This is a plain text file, not a video.\n'.repeat(200));
      case 'page': // a video site's page: HTML around a player
        return end(res, hit, 200, 'text/html; charset=utf-8', `<!doctype html><title>${a}</title><video src="/files/${a}"></video>`);
      case 'signed': {
        const exp = Number(u.searchParams.get('exp'));
        if (sign(a ?? '', exp) !== u.searchParams.get('sig') || Date.now() + offset > exp) return end(res, hit, 403, 'application/xml', '<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>');
        return serveFile(req, res, hit, a ?? '');
      }
      case 'region': // reachable from this machine (ffmpeg, Captioner) but not from the service (Node's fetch)
        if (!regionOpen && /node|undici/i.test(hit.userAgent)) return end(res, hit, 403, 'text/plain', 'Not available in your region');
        return serveFile(req, res, hit, a ?? '');
      default:
        return end(res, hit, 404, 'text/plain', 'Not Found');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    hits,
    put: (name, file, type) => files.set(name, { bytes: readFileSync(file), type: type ?? MIME[name.split('.').pop() ?? ''] ?? 'application/octet-stream' }),
    signed: (name, expiresAt) => `${url}/signed/${encodeURIComponent(name)}?exp=${expiresAt}&sig=${sign(name, expiresAt)}`,
    advance: (ms) => void (offset += ms),
    openRegion: () => void (regionOpen = true),
    fullGets: (path) => hits.filter((h) => h.path === path && !h.range && h.status === 200).length,
    close: () =>
      new Promise<void>((r) => {
        for (const res of held) res.destroy();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

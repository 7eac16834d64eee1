import { Readable } from 'node:stream';
import type { ReadableStream as WebReadable } from 'node:stream/web';
import type { IncomingMessage, ServerResponse } from 'node:http';

const PASSED = ['content-type', 'content-length', 'content-range', 'accept-ranges', 'last-modified', 'etag'];

/**
 * The editor plays a link's media through this machine's signed-URL server (issue 14), which
 * forwards the player's byte ranges to the link. The renderer's CSP keeps allowing media from
 * loopback only; no remote origin is ever trusted by the renderer.
 */
export async function proxyRemote(req: IncomingMessage, res: ServerResponse, url: string, mime: string): Promise<void> {
  const headers: Record<string, string> = { 'User-Agent': 'Captioner' };
  if (typeof req.headers.range === 'string') headers.Range = req.headers.range;
  if (typeof req.headers['if-range'] === 'string') headers['If-Range'] = req.headers['if-range'];
  const abort = new AbortController();
  res.on('close', () => abort.abort());
  let up: Response;
  try {
    up = await fetch(url, { method: req.method === 'HEAD' ? 'HEAD' : 'GET', headers, redirect: 'follow', signal: abort.signal });
  } catch {
    res.writeHead(502, { 'Content-Type': 'text/plain', 'Content-Length': 11 }).end('Bad Gateway');
    return;
  }
  const out: Record<string, string> = {};
  for (const h of PASSED) {
    const v = up.headers.get(h);
    if (v) out[h] = v;
  }
  // The link's server may not name the type properly (octet-stream); the player needs it.
  if (!out['content-type'] || /octet-stream/.test(out['content-type'])) out['content-type'] = mime;
  res.writeHead(up.status, out);
  if (!up.body || req.method === 'HEAD') {
    res.end();
    return;
  }
  const body = Readable.fromWeb(up.body as WebReadable<Uint8Array>);
  body.on('error', () => res.destroy());
  body.pipe(res);
}

import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHosting, type HostingServer } from '../../src-main/node/hosting/server';
import { sign } from '../../src-main/node/hosting/signer';

const dir = mkdtempSync(join(tmpdir(), 'hosting-'));
const file = join(dir, 'audio 中文.ogg');
const body = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));
writeFileSync(file, body);
const files = new Map([['fileAAAAAAAAAAAA', { path: file, mime: 'audio/ogg' }], ['fileBBBBBBBBBBBB', { path: join(dir, 'gone.ogg'), mime: 'audio/ogg' }]]);
let clock = 1_700_000_000_000;
let server: HostingServer;

/** Raw HTTP so any method and header can be sent. */
function send(method: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}
const pathOf = (url: string): string => url.replace(server.baseUrl, '');

beforeAll(async () => {
  server = await startHosting({ secret: 'test-secret', lookup: (id) => files.get(id), now: () => clock });
});
afterAll(() => server.close());

describe('signed-URL server', () => {
  it('lets a slow downloader drain the whole file: 6 MB read at 500 kB/s arrives complete, long after the server wrote its last byte', async () => {
    const big = join(dir, 'lecture.wav');
    const bytes = Buffer.alloc(6_000_000, 7);
    writeFileSync(big, bytes);
    files.set('fileCCCCCCCCCCCC', { path: big, mime: 'audio/wav' });
    const res = await fetch(server.urlFor('fileCCCCCCCCCCCC', 60));
    const t0 = Date.now();
    let got = 0;
    for await (const c of res.body as unknown as AsyncIterable<Uint8Array>) {
      got += c.length;
      const ahead = (got / 500_000) * 1000 - (Date.now() - t0);
      if (ahead > 0) await new Promise((r) => setTimeout(r, ahead));
    }
    expect(got).toBe(bytes.length);
  }, 60_000);

  it('serves a registered file with type, length, ETag and byte ranges', async () => {
    const p = pathOf(server.urlFor('fileAAAAAAAAAAAA', 60));
    const full = await send('GET', p);
    expect(full.status).toBe(200);
    expect(full.headers['content-type']).toBe('audio/ogg');
    expect(full.headers['content-length']).toBe('1000');
    expect(full.headers['accept-ranges']).toBe('bytes');
    expect(full.body.equals(body)).toBe(true);
    const etag = full.headers.etag as string;
    expect(etag).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);

    const part = await send('GET', p, { Range: 'bytes=10-19' });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe('bytes 10-19/1000');
    expect(part.body.equals(body.subarray(10, 20))).toBe(true);
    const suffix = await send('GET', p, { Range: 'bytes=-5' });
    expect([suffix.status, suffix.body.equals(body.subarray(995))]).toEqual([206, true]);
    const open = await send('GET', p, { Range: 'bytes=990-' });
    expect([open.status, open.headers['content-range']]).toEqual([206, 'bytes 990-999/1000']);
    const head = await send('HEAD', p);
    expect([head.status, head.headers['content-length'], head.body.length]).toEqual([200, '1000', 0]);
    expect((await send('GET', p, { 'If-None-Match': etag })).status).toBe(304);
  });

  it('answers 416 to unsatisfiable ranges and ignores multi-range or malformed ones', async () => {
    const p = pathOf(server.urlFor('fileAAAAAAAAAAAA', 60));
    const r416 = await send('GET', p, { Range: 'bytes=1000-1010' });
    expect([r416.status, r416.headers['content-range']]).toEqual([416, 'bytes */1000']);
    expect((await send('GET', p, { Range: 'bytes=-0' })).status).toBe(416);
    expect((await send('GET', p, { Range: 'bytes=0-1,5-6' })).status).toBe(200);
    expect((await send('GET', p, { Range: 'bytes=9-2' })).status).toBe(200);
    expect((await send('GET', p, { Range: 'lines=1-2' })).status).toBe(200);
  });

  it('rejects tampered, expired and foreign signatures with a bare 403', async () => {
    const url = new URL(server.urlFor('fileAAAAAAAAAAAA', 60));
    const sig = url.searchParams.get('sig') as string;
    const exp = url.searchParams.get('exp') as string;
    const flip = sig.slice(0, -1) + (sig.endsWith('A') ? 'B' : 'A');
    const attempts = [
      `/fileAAAAAAAAAAAA?exp=${exp}&sig=${flip}`, // tampered signature
      `/fileAAAAAAAAAAAA?exp=${Number(exp) + 3600}&sig=${sig}`, // extended expiry
      `/fileAAAAAAAAAAAA?exp=${exp}`, // no signature
      `/fileAAAAAAAAAAAA?sig=${sig}`, // no expiry
      `/fileBBBBBBBBBBBB?exp=${exp}&sig=${sig}`, // signature of another id
      `/fileAAAAAAAAAAAA?exp=${exp}&sig=${sign('other-install-secret', 'fileAAAAAAAAAAAA', Number(exp))}`,
      `/fileAAAAAAAAAAAA?exp=${exp}&sig=${sig}${sig}`, // longer than a real signature
    ];
    for (const a of attempts) {
      const r = await send('GET', a);
      expect(r.status, a).toBe(403);
      expect(r.body.toString()).toBe('Forbidden');
    }
    clock += 61_000;
    expect((await send('GET', url.pathname + url.search)).status).toBe(403); // expired
    clock -= 61_000;
  });

  it('404s unknown, revoked or vanished files only behind a valid signature, and never lists', async () => {
    expect((await send('GET', pathOf(server.urlFor('unknownXXXXXXXXX', 60)))).status).toBe(404);
    expect((await send('GET', pathOf(server.urlFor('fileBBBBBBBBBBBB', 60)))).status).toBe(404); // file gone from disk
    const p = pathOf(server.urlFor('fileAAAAAAAAAAAA', 60));
    files.delete('fileAAAAAAAAAAAA'); // revoked
    expect((await send('GET', p)).status).toBe(404);
    files.set('fileAAAAAAAAAAAA', { path: file, mime: 'audio/ogg' });
    for (const p2 of ['/', '/..', `/${encodeURIComponent('../etc/passwd')}`, '/fileAAAAAAAAAAAA/extra']) expect((await send('GET', p2)).status).toBe(404);
  });

  it('allows only GET and HEAD', async () => {
    const p = pathOf(server.urlFor('fileAAAAAAAAAAAA', 60));
    for (const m of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      const r = await send(m, p);
      expect(r.status, m).toBe(405);
      expect(r.headers.allow).toBe('GET, HEAD');
    }
  });

  it('builds URLs on the public base URL when one is configured', async () => {
    const pub = await startHosting({ secret: 's', lookup: () => undefined, publicBaseUrl: 'https://tunnel.example.com/cap/' });
    expect(pub.urlFor('fileAAAAAAAAAAAA', 10)).toMatch(/^https:\/\/tunnel\.example\.com\/cap\/fileAAAAAAAAAAAA\?exp=\d+&sig=[\w-]{43}$/);
    await pub.close();
  });
});

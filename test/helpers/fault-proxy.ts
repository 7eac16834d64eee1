import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { seeded } from './seeded';

/**
 * An HTTP proxy in front of the emulator that loses what a flaky network loses: `lose` forwards
 * the request (the service acts on it) and then drops the connection instead of answering;
 * `reset` drops it before forwarding; `hold` forwards and never answers; `down` refuses everything
 * matching. Rules pick requests by method and path, at a rate from a seeded generator, so a run is
 * repeatable.
 */
export interface FaultRule {
  method?: string;
  path: RegExp;
  kind: 'lose' | 'reset' | 'hold' | 'down';
  /** 0..1, the share of matching requests affected (default 1). */
  rate?: number;
}

export interface FaultProxy {
  url: string;
  baseUrl: string;
  rules: FaultRule[];
  counts: { forwarded: number; lost: number; reset: number; held: number };
  close(): Promise<void>;
}

export async function startFaultProxy(upstream: string, seed = 1): Promise<FaultProxy> {
  const random = seeded(seed);
  const up = new URL(upstream);
  const rules: FaultRule[] = [];
  const counts = { forwarded: 0, lost: 0, reset: 0, held: 0 };
  const held: IncomingMessage[] = [];

  const forward = (req: IncomingMessage, body: Buffer): Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }> =>
    new Promise((resolve, reject) => {
      const r = request({ host: up.hostname, port: up.port, method: req.method, path: req.url, headers: { ...req.headers, host: up.host } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
      r.on('error', reject);
      r.end(body);
    });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const rule = rules.find((r) => (!r.method || r.method === req.method) && r.path.test(path));
    const hit = rule !== undefined && (rule.rate === undefined || rule.rate >= 1 || random() < rule.rate);
    if (hit && (rule.kind === 'reset' || rule.kind === 'down')) {
      counts.reset++;
      req.socket.destroy();
      return;
    }
    const answer = await forward(req, body);
    counts.forwarded++;
    if (hit && rule.kind === 'lose') {
      counts.lost++;
      req.socket.destroy();
      return;
    }
    if (hit && rule.kind === 'hold') {
      counts.held++;
      held.push(req);
      return;
    }
    const headers = { ...answer.headers };
    delete headers['transfer-encoding'];
    res.writeHead(answer.status, { ...headers, 'content-length': answer.body.length }).end(answer.body);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    baseUrl: `${url}${up.pathname.replace(/\/$/, '')}`,
    rules,
    counts,
    close: async () => {
      for (const r of held) r.socket.destroy();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

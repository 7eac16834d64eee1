import WebSocket from 'ws';
import { startCli } from './cli';

export interface Served {
  url: string;
  port: number;
  token: string;
  child: ReturnType<typeof startCli>['child'];
  stderr: () => string;
  stop(): Promise<void>;
}

/** `captioner serve` as a real process; resolves once it printed its token URL. */
export async function startServe(env: Record<string, string>): Promise<Served> {
  const s = startCli(['serve'], env);
  let stderr = '';
  s.child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const deadline = Date.now() + 30_000;
  const re = /http:\/\/127\.0\.0\.1:(\d+)\/\?token=(\S+)/;
  while (!re.test(s.output()) && Date.now() < deadline && s.child.exitCode === null) await new Promise((r) => setTimeout(r, 50));
  const m = re.exec(s.output());
  if (!m) {
    s.child.kill('SIGKILL'); // a server that never came up must not outlive the test either
    await s.done;
    throw new Error(`captioner serve did not print its URL: ${s.output()} ${stderr}`);
  }
  return {
    url: m[0], port: Number(m[1]), token: m[2] as string, child: s.child, stderr: () => stderr,
    async stop() {
      if (s.child.exitCode === null) s.child.kill('SIGTERM');
      const t = setTimeout(() => s.child.kill('SIGKILL'), 15_000); // a server that does not stop must not outlive the test
      await s.done;
      clearTimeout(t);
    },
  };
}

export type Reply = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string; params?: Record<string, string | number | boolean> } };

/** A page's side of the transport: JSON calls over the token-guarded WebSocket. */
export async function rpcClient(port: number, token: string): Promise<{ ws: WebSocket; call(method: string, params?: unknown): Promise<Reply>; close(): void }> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${encodeURIComponent(token)}`);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const pending = new Map<number, (r: Reply) => void>();
  let next = 1_000_000_000; // far from ids a test sends by hand on the same socket
  ws.on('message', (d) => {
    const msg = JSON.parse(String(d)) as { id?: number; reply?: Reply };
    if (typeof msg.id === 'number' && msg.reply) pending.get(msg.id)?.(msg.reply);
  });
  ws.on('error', () => undefined);
  return {
    ws,
    call: (method, params = {}) =>
      new Promise<Reply>((resolve, reject) => {
        const id = next++;
        pending.set(id, resolve);
        ws.send(JSON.stringify({ id, method, params }), (e) => e && reject(e));
      }),
    close: () => ws.close(),
  };
}

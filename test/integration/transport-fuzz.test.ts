import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { emulator } from '../helpers/emulator';
import { speech, wrap } from '../helpers/media';
import { rpcClient, startServe, type Served } from '../helpers/serve';

/**
 * Fuzz of the headless transport against a real `captioner serve` process while a job runs:
 * malformed JSON requests over a proper WebSocket, and malformed frames written as raw bytes on
 * a TCP socket after a real handshake. Afterwards the server still answers and the job finishes.
 */
type Emu = Awaited<ReturnType<typeof emulator>>;
let emu: Emu;
let served: Served;
let media: string;

beforeAll(async () => {
  // A slow service, so the job is running at the service while the fuzz goes on.
  emu = await emulator({ queueDelayMs: 1500, processingDelayMs: 1500 });
  await emu.script({ urlContains: '' }, [{ text: 'The transport keeps running.' }]);
  const home = mkdtempSync(join(tmpdir(), 'fuzz-home-'));
  media = wrap(speech(['The transport keeps running.']), join(mkdtempSync(join(tmpdir(), 'fuzz-media-')), 'talk.wav'), { ext: 'wav' });
  served = await startServe({ CAPTIONER_HOME: home, DASHSCOPE_API_KEY: 'sk-test', DASHSCOPE_BASE_URL: emu.baseUrl });
});
afterAll(async () => {
  await served?.stop();
  await emu?.close();
});

/** One WebSocket frame as raw bytes, every field under the test's control. */
function frame(o: { opcode: number; payload: Buffer; fin?: boolean; rsv?: number; mask?: boolean; length?: bigint }): Buffer {
  const len = o.length ?? BigInt(o.payload.length);
  const head: number[] = [((o.fin ?? true) ? 0x80 : 0) | ((o.rsv ?? 0) << 4) | (o.opcode & 0x0f)];
  const m = (o.mask ?? true) ? 0x80 : 0;
  const ext: Buffer[] = [];
  if (len < 126n) head.push(m | Number(len));
  else if (len < 65536n) {
    head.push(m | 126);
    const b = Buffer.alloc(2);
    b.writeUInt16BE(Number(len));
    ext.push(b);
  } else {
    head.push(m | 127);
    const b = Buffer.alloc(8);
    b.writeBigUInt64BE(len);
    ext.push(b);
  }
  if (!(o.mask ?? true)) return Buffer.concat([Buffer.from(head), ...ext, o.payload]);
  const key = randomBytes(4);
  const body = Buffer.from(o.payload.map((b, i) => b ^ (key[i % 4] as number)));
  return Buffer.concat([Buffer.from(head), ...ext, key, body]);
}

/** Opens a raw TCP connection, performs the upgrade handshake and hands back the socket. */
async function rawSocket(): Promise<Socket> {
  const sock = connect(served.port, '127.0.0.1');
  sock.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    sock.once('connect', () => resolve());
    sock.once('error', reject);
  });
  sock.write(
    `GET /ws?token=${encodeURIComponent(served.token)} HTTP/1.1\r\nHost: 127.0.0.1:${served.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
  );
  let got = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (c: Buffer): void => {
      got += c.toString('latin1');
      if (got.includes('\r\n\r\n')) {
        sock.off('data', onData);
        if (!got.startsWith('HTTP/1.1 101')) reject(new Error(`handshake refused: ${got.slice(0, 40)}`));
        else resolve();
      }
    };
    sock.on('data', onData);
  });
  return sock;
}

/** Writes the bytes, then waits until the server closes the socket or a short grace passes. */
async function sendRaw(bytes: Buffer[], end: boolean): Promise<void> {
  const sock = await rawSocket();
  const closed = new Promise<void>((r) => sock.once('close', () => r()));
  for (const b of bytes) sock.write(b);
  if (end) sock.end();
  await Promise.race([closed, new Promise((r) => setTimeout(r, 300))]);
  sock.destroy();
}

const rawCases = (): { name: string; bytes: Buffer[]; end: boolean }[] => {
  const text = Buffer.from(JSON.stringify({ id: 1, method: 'app:info', params: {} }));
  const cases: { name: string; bytes: Buffer[]; end: boolean }[] = [];
  cases.push({ name: 'unmasked text frame', bytes: [frame({ opcode: 1, payload: text, mask: false })], end: false });
  for (const op of [3, 4, 5, 6, 7, 0xb, 0xc, 0xd, 0xe, 0xf]) cases.push({ name: `opcode ${op}`, bytes: [frame({ opcode: op, payload: text })], end: false });
  for (const rsv of [1, 2, 3, 4, 5, 6, 7]) cases.push({ name: `rsv ${rsv}`, bytes: [frame({ opcode: 1, payload: text, rsv })], end: false });
  for (const length of [2n ** 63n - 1n, 2n ** 40n, 64n * 1024n * 1024n, 33n * 1024n * 1024n]) cases.push({ name: `declared length ${length}`, bytes: [frame({ opcode: 1, payload: Buffer.alloc(16), length })], end: false });
  cases.push({ name: 'truncated frame', bytes: [frame({ opcode: 1, payload: text }).subarray(0, 9)], end: true });
  cases.push({ name: 'truncated header', bytes: [Buffer.from([0x81])], end: true });
  cases.push({ name: 'truncated 64-bit length', bytes: [Buffer.from([0x81, 0xff, 0, 0, 0])], end: true });
  cases.push({ name: 'invalid UTF-8', bytes: [frame({ opcode: 1, payload: Buffer.from([0x7b, 0xff, 0xfe, 0xc0, 0x80, 0x7d]) })], end: false });
  cases.push({ name: 'continuation first', bytes: [frame({ opcode: 0, payload: text })], end: false });
  cases.push({ name: 'fragmented ping', bytes: [frame({ opcode: 9, payload: Buffer.from('x'), fin: false })], end: false });
  cases.push({ name: 'ping over 125 bytes', bytes: [frame({ opcode: 9, payload: Buffer.alloc(200) })], end: false });
  cases.push({ name: 'close with code 5', bytes: [frame({ opcode: 8, payload: Buffer.from([0, 5]) })], end: false });
  cases.push({ name: 'close with 1 byte', bytes: [frame({ opcode: 8, payload: Buffer.from([3]) })], end: false });
  cases.push({ name: 'close with invalid UTF-8 reason', bytes: [frame({ opcode: 8, payload: Buffer.from([3, 0xe8, 0xff, 0xfe]) })], end: false });
  cases.push({ name: 'text frame interrupted by text frame', bytes: [frame({ opcode: 1, payload: text, fin: false }), frame({ opcode: 1, payload: text })], end: false });
  cases.push({ name: 'binary frame', bytes: [frame({ opcode: 2, payload: randomBytes(64) })], end: false });
  cases.push({ name: 'text null', bytes: [frame({ opcode: 1, payload: Buffer.from('null') })], end: false });
  // Random bytes after the handshake, and random headers with random payloads.
  for (let i = 0; i < 300; i++) cases.push({ name: `random bytes ${i}`, bytes: [randomBytes(1 + (i % 64))], end: i % 2 === 0 });
  for (let i = 0; i < 250; i++) {
    const head = randomBytes(2);
    cases.push({ name: `random header ${i}`, bytes: [Buffer.concat([head, randomBytes(4 + (i % 200))])], end: i % 3 === 0 });
  }
  return cases;
};

const textPayloads = (): (string | Buffer)[] => {
  const fixed = [
    'null', 'true', 'false', '0', '-1', '1e999', '"x"', '[]', '{}', '[null]', '""', ' ', '', '{', '}', '{"id":', 'undefined', 'NaN',
    '{"id":"1","method":"app:info"}', '{"id":1}', '{"id":1,"method":5}', '{"id":1.5,"method":"app:info"}', '{"id":1e308,"method":"app:info"}',
    '{"id":1,"method":"nope"}', '{"id":1,"method":"__proto__"}', '{"id":1,"method":"constructor"}', '{"id":1,"method":"toString"}', '{"id":1,"method":"hasOwnProperty"}',
    '{"id":1,"method":"jobs:add","params":null}', '{"id":1,"method":"jobs:add","params":"x"}', '{"id":1,"method":"jobs:add","params":{"paths":[null]}}',
    '{"id":1,"method":"settings:set","params":{"__proto__":{"polluted":true}}}', '{"id":1,"method":"transcript:save","params":{"id":"x","track":{"cues":"no","speakers":[]}}}',
    '{"id":1,"method":"library:import","params":{"paths":["/dev/zero"]}}', '{"id":1,"method":"app:info","params":[1,2,3]}',
    `{"id":1,"method":"library:search","params":{"query":"${'x'.repeat(10_000)}"}}`, '['.repeat(100_000), '{"a":'.repeat(50_000),
  ];
  const out: (string | Buffer)[] = [...fixed];
  for (let i = 0; i < 1500; i++) {
    const r = i % 4;
    if (r === 0) out.push(randomBytes(1 + (i % 300)).toString('latin1'));
    else if (r === 1) out.push(JSON.stringify({ id: i, method: ['app:info', 'jobs:list', 'settings:get', 'library:list', 'x', ''][i % 6], params: JSON.parse(JSON.stringify({ v: randomBytes(8).toString('hex'), n: i })) }));
    else if (r === 2) out.push(JSON.stringify({ id: i, method: 'transcript:get', params: { id: randomBytes(8).toString('hex') } }));
    else out.push(randomBytes(1 + (i % 100))); // binary frame
  }
  return out;
};

describe('the WebSocket transport under malformed input', () => {
  it('answers, keeps running jobs, and survives ~2,000 malformed frames', { timeout: 300_000 }, async () => {
    const page = await rpcClient(served.port, served.token);
    const added = await page.call('jobs:add', { paths: [media] });
    if (!added.ok) console.log(added.error);
    expect(added).toMatchObject({ ok: true });
    const jobId = (added as { value: { jobs: { id: string }[] } }).value.jobs[0]!.id;

    // 1. Malformed requests over a well-formed WebSocket: each gets a coded error, none kills it.
    const fuzzer = await rpcClient(served.port, served.token);
    const errors = new Map<string, number>();
    let answers = 0;
    fuzzer.ws.on('message', (d) => {
      const m = JSON.parse(String(d)) as { reply?: { ok: boolean; error?: { code: string } } };
      if (m.reply) answers++; // job:update events arrive on this socket too
      if (m.reply && !m.reply.ok) errors.set(m.reply.error!.code, (errors.get(m.reply.error!.code) ?? 0) + 1);
    });
    const payloads = textPayloads();
    for (const p of payloads) fuzzer.ws.send(p, { binary: Buffer.isBuffer(p) });
    // Every frame gets an answer (a coded error or a reply); wait for all of them.
    for (let t = Date.now(); answers < payloads.length && Date.now() - t < 60_000; ) await new Promise((r) => setTimeout(r, 50));
    expect(answers).toBe(payloads.length);
    const bye = await fuzzer.call('app:info');
    expect(bye).toMatchObject({ ok: true }); // the same connection still works after all of them
    expect(fuzzer.ws.readyState).toBe(WebSocket.OPEN);
    expect([...errors.keys()].sort()).toEqual(expect.arrayContaining(['BAD_FRAME', 'BAD_JSON', 'BAD_REQUEST', 'INVALID_INPUT', 'NOT_FOUND', 'UNKNOWN_METHOD']));

    // 2. Protocol violations as raw bytes: each closes only its own connection.
    const cases = rawCases();
    for (let i = 0; i < cases.length; i += 8) await Promise.all(cases.slice(i, i + 8).map((c) => sendRaw(c.bytes, c.end)));
    // A text frame with invalid UTF-8 and one larger than the frame limit, from the ws client.
    for (const bad of [Buffer.from([0xff, 0xfe, 0xfd]), Buffer.alloc(33 * 1024 * 1024, 0x20)]) {
      const c = await rpcClient(served.port, served.token);
      const closed = new Promise<void>((r) => c.ws.once('close', () => r()));
      c.ws.send(bad, { binary: false });
      await closed; // that connection is closed (ws drops it at once: 1006 on this side), nothing else
    }

    const total = payloads.length + cases.length + 2;
    console.log(`transport fuzz: ${payloads.length} malformed requests + ${cases.length} raw protocol violations + 2 client frames = ${total} frames`);
    expect(total).toBeGreaterThanOrEqual(2000);

    // 3. The server is still up, answers on the first connection and on a new one, and the job finished.
    expect(served.child.exitCode).toBeNull();
    expect(await page.call('app:info')).toMatchObject({ ok: true, value: { transport: 'websocket' } });
    const fresh = await rpcClient(served.port, served.token);
    expect(await fresh.call('jobs:list')).toMatchObject({ ok: true });
    let stage = '';
    let last: unknown;
    for (let t = Date.now(); Date.now() - t < 120_000; ) {
      const r = (await fresh.call('jobs:list')) as { ok: true; value: { id: string; stage: string }[] };
      last = r.value.find((j) => j.id === jobId);
      stage = (last as { stage?: string } | undefined)?.stage ?? '';
      if (['done', 'failed', 'canceled'].includes(stage)) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    if (stage !== 'done') console.log(JSON.stringify(last));
    expect(last).toMatchObject({ stage: 'done' });
    expect(served.stderr()).not.toMatch(/TypeError|RangeError|Unhandled/);
    for (const c of [page, fuzzer, fresh]) c.close();
  });
});

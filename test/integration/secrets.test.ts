import { mkdirSync, mkdtempSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rpcClient, startServe, type Reply, type Served } from '../helpers/serve';

/**
 * A page holding the serve token tries every route to the API key and the signing secret, and
 * to send the key elsewhere. Against a real `captioner serve` process and its real library file.
 */
const KEY = 'sk-secret-4f2a9c71e0b3';
let served: Served;
let home: string;
let attacker: Server;
let attackerHits = 0;
let page: Awaited<ReturnType<typeof rpcClient>>;
const replies: Reply[] = [];
const call = async (method: string, params: unknown = {}): Promise<Reply> => {
  const r = await page.call(method, params);
  replies.push(r);
  return r;
};

beforeAll(async () => {
  attacker = createServer((_req, res) => {
    attackerHits++;
    res.end('{}');
  });
  await new Promise<void>((r) => attacker.listen(0, '127.0.0.1', () => r()));
  home = mkdtempSync(join(tmpdir(), 'secrets-home-'));
  // No DASHSCOPE_BASE_URL and no key in the environment: headless mode keeps the key in library.db.
  const env = { CAPTIONER_HOME: home, DASHSCOPE_API_KEY: '', DASHSCOPE_BASE_URL: '' };
  served = await startServe(env);
  page = await rpcClient(served.port, served.token);
  expect(await call('settings:setApiKey', { apiKey: KEY })).toMatchObject({ ok: true, value: { hasApiKey: true } });
});
afterAll(async () => {
  page?.close();
  await served?.stop();
  attacker?.close();
});

const secrets = (): { key: string; signing: string } => {
  const db = new Database(join(home, 'library.db'), { readonly: true, fileMustExist: true });
  const get = (table: string, k: string): string => JSON.parse((db.prepare(`SELECT value FROM ${table} WHERE key = ?`).get(k) as { value: string }).value) as string;
  const s = { key: get('settings', 'apiKey'), signing: get('app_state', 'signingSecret') };
  db.close();
  return s;
};

describe('a page holding the serve token cannot reach the secrets', () => {
  it('keeps the library folder 0700 and its database, WAL and SHM files 0600', () => {
    expect(statSync(home).mode & 0o777).toBe(0o700);
    for (const f of ['library.db', 'library.db-wal', 'library.db-shm']) expect([f, statSync(join(home, f)).mode & 0o777]).toEqual([f, 0o600]);
  });

  it('refuses to import or transcribe any file of the library folder, however it is named', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'secrets-out-'));
    symlinkSync(join(home, 'library.db-wal'), join(outside, 'wal.srt'));
    symlinkSync(home, join(outside, 'lib'));
    mkdirSync(join(home, 'imports'), { recursive: true });
    const paths = [
      join(home, 'library.db'), join(home, 'library.db-wal'), join(home, 'library.db-shm'), join(outside, 'wal.srt'), join(outside, 'lib', 'library.db-wal'),
      join(home, 'imports', '..', 'library.db-wal'), `${home}/./library.db`, 'library.db-wal', '/dev/stdin', '/proc/self/environ',
    ];
    const r = await call('library:import', { paths });
    expect(r.ok).toBe(true);
    const results = (r as { value: { path: string; error?: { code: string }; transcriptId?: string }[] }).value;
    expect(results.every((x) => x.error && !x.transcriptId)).toBe(true);
    expect(results.map((x) => x.error?.code)).toEqual([
      'PATH_IN_LIBRARY', 'PATH_IN_LIBRARY', 'PATH_IN_LIBRARY', 'PATH_IN_LIBRARY', 'PATH_IN_LIBRARY', 'PATH_IN_LIBRARY', 'PATH_IN_LIBRARY', 'PATH_NOT_ABSOLUTE', 'NOT_SUBTITLE', 'NOT_SUBTITLE',
    ]);
    // A subtitle the user chose imports; the library still holds only that one transcript.
    writeFileSync(join(outside, 'ok.srt'), '1\n00:00:01,000 --> 00:00:02,000\nHello\n');
    expect(await call('library:import', { paths: [join(outside, 'ok.srt')] })).toMatchObject({ ok: true, value: [{ cues: 1 }] });
    for (const p of [join(home, 'library.db'), join(outside, 'lib')]) {
      const j = await call('jobs:add', { paths: [p] });
      expect(j.ok).toBe(false);
    }
    // An upload named like the WAL lands in its own folder and is still not a subtitle.
    const up = await fetch(`http://127.0.0.1:${served.port}/upload?token=${served.token}&name=${encodeURIComponent('../library.db-wal')}`, { method: 'POST', body: 'x' });
    const { path } = (await up.json()) as { path: string };
    expect(path.startsWith(join(home, 'imports'))).toBe(true);
    expect(await call('library:import', { paths: [path] })).toMatchObject({ ok: true, value: [{ error: { code: 'NOT_SUBTITLE', params: { file: path } } }] });
  });

  it('never sends the key or the signing secret in any reply', async () => {
    const list = (await call('library:list')) as { value: { id: string }[] };
    for (const t of list.value) await call('transcript:get', { id: t.id });
    await call('settings:get');
    await call('app:info');
    await call('jobs:list');
    await call('transcript:get', { id: "' OR 1=1 --" });
    await call('settings:set', { apiKey: 'x' }); // not a setting the page may write
    await call('settings:set', { signingSecret: 'x' });
    const { key, signing } = secrets();
    expect(key).toBe(KEY);
    const all = JSON.stringify(replies);
    expect(all).not.toContain(KEY);
    expect(all).not.toContain(signing);
    expect(replies.filter((r) => !r.ok).map((r) => (r as { error: { code: string } }).error.code)).toEqual(expect.arrayContaining(['NOT_FOUND', 'INVALID_INPUT']));
  });

  it('never lets the page point the key at another host', async () => {
    const evil = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}/api/v1`;
    for (const baseUrl of [evil, 'https://dashscope.aliyuncs.com.evil.example/api/v1', 'https://user@dashscope.aliyuncs.com/api/v1', 'https://dashscope.aliyuncs.com:8443/api/v1', 'http://dashscope.aliyuncs.com/api/v1', 'https://evil.example/x.cn-beijing.maas.aliyuncs.com']) {
      expect([baseUrl, await call('settings:set', { baseUrl })]).toEqual([baseUrl, { ok: false, error: { code: expect.stringMatching(/^(BASE_URL_NOT_ALLOWED|INVALID_INPUT)$/), message: expect.any(String), params: expect.any(Object) } }]);
    }
    // The workspace id builds a host name: nothing that could change the host is accepted.
    for (const workspaceId of ['evil.example/#', 'evil.example?', 'a.b', 'x@evil']) expect(await call('settings:set', { workspaceId })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    // DashScope's own hosts are fine.
    expect(await call('settings:set', { baseUrl: 'https://dashscope-intl.aliyuncs.com/api/v1' })).toMatchObject({ ok: true, value: { baseUrl: 'https://dashscope-intl.aliyuncs.com/api/v1' } });
    expect(await call('settings:set', { baseUrl: 'https://ws-1.cn-beijing.maas.aliyuncs.com/api/v1' })).toMatchObject({ ok: true });
    expect(await call('settings:set', { baseUrl: null })).toMatchObject({ ok: true });
    // Nothing reached the attacker's server (no call here goes to the network: only loopback is allowed).
    expect(attackerHits).toBe(0);
    expect((await call('app:info')) as { value: { serviceBaseUrl: string } }).toMatchObject({ value: { serviceBaseUrl: 'https://dashscope.aliyuncs.com/api/v1' } });
  });
});

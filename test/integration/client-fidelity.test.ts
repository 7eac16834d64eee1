import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src-main/core/rate-limiter';
import { DashScopeClient } from '../../src-main/node/dashscope/client';
import { migrate } from '../../src-main/node/db/migrate';
import { StateRepo } from '../../src-main/node/db/repos/state';
import { hotwordsFromFile } from '../../src-main/node/hotword-file';

/**
 * The client's requests compared field by field with the official DashScope Python SDK's
 * (dashscope/audio/asr/vocabulary.py, utils/oss_utils.py, api_entities error parsing), against a
 * real HTTP server on port 0 that records what arrives.
 */
type Seen = { method: string; url: string; headers: IncomingMessage['headers']; body: Buffer };
let server: Server;
let base = '';
const seen: Seen[] = [];
let answer: (r: Seen) => { status: number; body: unknown } = () => ({ status: 200, body: {} });

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r: Seen = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) };
      seen.push(r);
      const a = answer(r);
      res.writeHead(a.status, { 'content-type': 'application/json' }).end(JSON.stringify(a.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  seen.length = 0;
});

const sleep = (): Promise<void> => Promise.resolve();
const client = (o: { fetch?: typeof fetch; baseUrl?: string } = {}) =>
  new DashScopeClient({ baseUrl: o.baseUrl ?? `${base}/api/v1`, apiKey: 'sk-test', sleep, limiters: { submit: new RateLimiter(100, 1000, Date.now, sleep), query: new RateLimiter(100, 1000, Date.now, sleep) }, ...(o.fetch ? { fetch: o.fetch } : {}) });

describe('requests as the SDK sends them', () => {
  it('vocabulary calls: model, input with the action, and an empty parameters object', async () => {
    answer = () => ({ status: 200, body: { request_id: 'r', output: { vocabulary_id: 'vocab-captioner-abc' } } });
    await client().createVocabulary('fun-asr', 'captioner', [{ text: '通义', weight: 4, lang: 'zh' }]);
    const r = seen[0]!;
    expect([r.method, r.url]).toEqual(['POST', '/api/v1/services/audio/asr/customization']);
    expect(r.headers.authorization).toBe('Bearer sk-test');
    expect(r.headers['content-type']).toBe('application/json');
    expect(JSON.parse(r.body.toString())).toEqual({
      model: 'speech-biasing',
      input: { action: 'create_vocabulary', target_model: 'fun-asr', prefix: 'captioner', vocabulary: [{ text: '通义', weight: 4, lang: 'zh' }] },
      parameters: {},
    });
  });

  it('the upload form: the SDK fields in its order, x-oss-content-type included, the file last', async () => {
    answer = (r) =>
      r.method === 'GET'
        ? { status: 200, body: { data: { policy: 'P', signature: 'S', upload_dir: 'dashscope-instant/x/2026-11-25/y', upload_host: `${base}/oss`, oss_access_key_id: 'AK', x_oss_object_acl: 'private', x_oss_forbid_overwrite: 'true', max_file_size_mb: 100 } } }
        : { status: 200, body: {} };
    const file = join(mkdtempSync(join(tmpdir(), 'fid-')), 'a.opus');
    writeFileSync(file, Buffer.from('OggS fake'));
    const up = await client().uploadFile('fun-asr', file, 'job1-a.opus');
    expect(up.url).toBe('oss://dashscope-instant/x/2026-11-25/y/job1-a.opus');
    const [policy, post] = seen;
    expect([policy!.method, policy!.url]).toEqual(['GET', '/api/v1/uploads?action=getPolicy&model=fun-asr']);
    const form = await new Request('http://x/', { method: 'POST', headers: { 'content-type': post!.headers['content-type'] as string }, body: new Uint8Array(post!.body) }).formData();
    expect([...form.keys()]).toEqual(['OSSAccessKeyId', 'Signature', 'policy', 'key', 'x-oss-object-acl', 'x-oss-forbid-overwrite', 'x-oss-content-type', 'success_action_status', 'file']);
    expect(Object.fromEntries([...form.entries()].filter(([k]) => k !== 'file'))).toEqual({
      OSSAccessKeyId: 'AK', Signature: 'S', policy: 'P', key: 'dashscope-instant/x/2026-11-25/y/job1-a.opus', 'x-oss-object-acl': 'private', 'x-oss-forbid-overwrite': 'true', 'x-oss-content-type': 'audio/ogg', success_action_status: '200',
    });
  });
});

describe('answers read as the SDK reads them', () => {
  it('keeps the text of an error body that says msg instead of message', async () => {
    answer = () => ({ status: 400, body: { code: 'InvalidParameter', msg: 'vocabulary entry too long', request_id: 'r1' } });
    await expect(client().queryVocabulary('vocab-x')).rejects.toMatchObject({ code: 'SERVICE_BAD_REQUEST', message: expect.stringContaining('vocabulary entry too long') });
  });

  it('does not retry an insufficient_quota 429 as throttling', async () => {
    answer = () => ({ status: 429, body: { code: 'insufficient_quota', message: 'You exceeded your current quota.' } });
    await expect(client().queryVocabulary('vocab-x')).rejects.toMatchObject({ code: 'SERVICE_QUOTA', retryable: false });
    expect(seen).toHaveLength(1);
    answer = () => ({ status: 429, body: { code: 'Throttling.RateQuota', message: 'Requests rate limit exceeded.' } });
    await expect(client().queryVocabulary('vocab-x')).rejects.toMatchObject({ code: 'SERVICE_THROTTLED' });
    expect(seen.length).toBeGreaterThan(2);
  });

  it('gives up at once on a host name that does not resolve, naming it', async () => {
    let calls = 0;
    const noName = (async () => {
      calls++;
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('getaddrinfo ENOTFOUND dashscope.example'), { code: 'ENOTFOUND' }) });
    }) as typeof fetch;
    await expect(client({ fetch: noName, baseUrl: 'https://dashscope.example/api/v1' }).queryVocabulary('vocab-x')).rejects.toMatchObject({
      code: 'SERVICE_NETWORK',
      message: expect.stringMatching(/^Could not reach the service at dashscope\.example for vocabulary query_vocabulary: the host name could not be resolved\. Check the network connection, any proxy/),
    });
    expect(calls).toBe(1);
  });
});

describe('--hotwords FILE and the list it made', () => {
  const setup = () => {
    const db = new Database(join(mkdtempSync(join(tmpdir(), 'fid-db-')), 'l.db'));
    migrate(db);
    const state = new StateRepo(db);
    const file = join(mkdtempSync(join(tmpdir(), 'fid-hw-')), 'words.txt');
    writeFileSync(file, '通义千问 | 4 | zh\n');
    return { app: { state, client: () => client() }, file };
  };

  it('a failure to look the list up is not "gone": no second list is made', async () => {
    const { app, file } = setup();
    answer = (r) => ({ status: 200, body: JSON.parse(r.body.toString()).input.action === 'create_vocabulary' ? { output: { vocabulary_id: 'vocab-captioner-1' } } : { output: { vocabulary: [] } } });
    expect(await hotwordsFromFile(app, file, 'fun-asr')).toEqual({ vocabularyId: 'vocab-captioner-1', created: true });
    answer = () => ({ status: 503, body: { code: 'ServiceUnavailable', message: 'busy' } });
    seen.length = 0;
    await expect(hotwordsFromFile(app, file, 'fun-asr')).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(seen.some((r) => r.body.toString().includes('create_vocabulary'))).toBe(false);
    // A definite "does not exist" does mean gone: a new list is made.
    answer = (r) => (JSON.parse(r.body.toString()).input.action === 'create_vocabulary' ? { status: 200, body: { output: { vocabulary_id: 'vocab-captioner-2' } } } : { status: 416, body: { code: 'BadRequest.ResourceNotExist', message: 'Vocabulary not exist.' } });
    expect(await hotwordsFromFile(app, file, 'fun-asr')).toEqual({ vocabularyId: 'vocab-captioner-2', created: true });
  });
});

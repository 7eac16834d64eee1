import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RATE_WINDOW_MS, RateLimiter } from '../../src-main/core/rate-limiter';
import { DashScopeClient } from '../../src-main/node/dashscope/client';
import { startHosting, type HostingServer } from '../../src-main/node/hosting/server';
import { emulator } from '../helpers/emulator';
import { serviceFailure } from '../helpers/expect';
import { speech } from '../helpers/media';

type Emu = Awaited<ReturnType<typeof emulator>>;
let emu: Emu;
let host: HostingServer;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const wav = speech(['The client test speaks one sentence.']);
const files = new Map([['audioAAAAAAAAAAA', { path: wav, mime: 'audio/wav' }]]);

const client = (o: { key?: string; submitRps?: number; maxAttempts?: number } = {}) =>
  new DashScopeClient({
    baseUrl: emu.baseUrl, apiKey: o.key ?? 'sk-test', sleep: (ms) => sleep(Math.min(ms, 50)), maxAttempts: o.maxAttempts ?? 4,
    limiters: { submit: new RateLimiter(o.submitRps ?? 10, RATE_WINDOW_MS, Date.now, sleep), query: new RateLimiter(20, RATE_WINDOW_MS, Date.now, sleep) },
  });

async function finish(c: DashScopeClient, taskId: string) {
  for (;;) {
    const q = await c.query(taskId);
    if (!['PENDING', 'RUNNING'].includes(q.output.task_status)) return q;
    await sleep(100);
  }
}

beforeAll(async () => {
  emu = await emulator();
  host = await startHosting({ secret: 'x', lookup: (id) => files.get(id) });
});
afterAll(async () => {
  await host.close();
  await emu.close();
});

describe('Fun-ASR client against the emulator', () => {
  it('submits with parameters always present, polls to SUCCEEDED and downloads the result', async () => {
    await emu.script({ urlContains: 'audioAAAAAAAAAAA' }, [{ text: 'The client test speaks one sentence.' }]);
    const c = client();
    const { taskId, requestId } = await c.submit({ model: 'fun-asr', fileUrls: [host.urlFor('audioAAAAAAAAAAA', 600)], parameters: {} });
    expect(requestId).toMatch(/-/);
    const sub = emu.submissions.at(-1)!;
    expect(sub.parameters).toEqual({});
    expect(sub.headers.async).toBe('enable');
    const q = await finish(c, taskId);
    expect(q.output.task_status).toBe('SUCCEEDED');
    const r = await c.fetchResult(q.output.results![0]!.transcription_url!);
    const json = r.json as { transcripts: { sentences: { text: string }[] }[] };
    expect(json.transcripts[0]!.sentences.map((s) => s.text)).toEqual(['The client test speaks one sentence.']);
  });

  it('fails at once on a bad key, without retrying', async () => {
    const before = emu.stats.submits;
    const e = await serviceFailure(client({ key: 'sk-wrong' }).submit({ model: 'fun-asr', fileUrls: ['http://127.0.0.1:9/x'], parameters: {} }));
    expect([e.code, e.retryable, e.httpStatus, e.serviceCode]).toEqual(['SERVICE_AUTH', false, 401, 'InvalidApiKey']);
    expect(e.message).not.toContain('sk-wrong');
    expect(emu.stats.submits).toBe(before);
  });

  it('maps model and parameter errors to stable codes', async () => {
    expect((await serviceFailure(client().submit({ model: 'fun-asr-nope', fileUrls: ['http://127.0.0.1:9/x'], parameters: {} }))).code).toBe('SERVICE_MODEL_NOT_FOUND');
    const bad = await serviceFailure(client().submit({ model: 'fun-asr', fileUrls: ['http://127.0.0.1:9/x'], parameters: { speaker_count: 1 } }));
    expect([bad.code, bad.message]).toEqual(['SERVICE_BAD_REQUEST', expect.stringContaining('speaker_count')]);
  });

  it('retries throttling, server errors, resets and malformed bodies, then succeeds', async () => {
    const c = client({ maxAttempts: 6 });
    const { taskId } = await c.submit({ model: 'fun-asr', fileUrls: [host.urlFor('audioAAAAAAAAAAA', 600)], parameters: {} });
    await emu.fault({ path: '^/api/v1/tasks/', kind: 'status', status: 503, count: 1 });
    await emu.fault({ path: '^/api/v1/tasks/', kind: 'status', status: 429, count: 1 });
    await emu.fault({ path: '^/api/v1/tasks/', kind: 'reset', count: 1 });
    await emu.fault({ path: '^/api/v1/tasks/', kind: 'malformed', count: 1 });
    const q = await c.query(taskId);
    expect(q.output.task_id).toBe(taskId);
    await emu.fault({ path: '^/api/v1/tasks/', kind: 'status', status: 500, count: 10 });
    const e = await serviceFailure(c.query(taskId));
    expect([e.code, e.retryable]).toEqual(['SERVICE_UNAVAILABLE', true]);
    await emu.fault({ clear: true });
  });

  it('never sends a submit again once it may have arrived, but does after a 429, and lists tasks', async () => {
    const c = client({ maxAttempts: 6 });
    const before = emu.stats.submits;
    const req = { model: 'fun-asr', fileUrls: [host.urlFor('audioAAAAAAAAAAA', 600)], parameters: {} };
    for (const fault of [{ kind: 'reset' }, { kind: 'status', status: 500 }, { kind: 'malformed' }]) {
      await emu.fault({ path: 'transcription$', count: 1, ...fault });
      const e = await serviceFailure(c.submit(req));
      expect([e.code, e.retryable]).toEqual(['SUBMIT_AMBIGUOUS', true]);
    }
    expect(emu.stats.submits - before).toBe(0); // the emulator's faults answer before acting
    await emu.fault({ path: 'transcription$', kind: 'status', status: 429, count: 2 });
    const { taskId } = await c.submit(req);
    expect(emu.stats.submits - before).toBe(1);
    const listed = await c.listTasks({ startMs: Date.now() - 60_000, endMs: Date.now() + 60_000, model: 'fun-asr' });
    expect(listed.tasks.map((t) => t.taskId)).toContain(taskId);
    const other = await c.listTasks({ startMs: Date.now() - 60_000, endMs: Date.now() + 60_000, model: 'fun-asr-mtl' });
    expect(other.tasks).toEqual([]);
    await emu.fault({ clear: true });
  });

  it('reports a download failure as InvalidFile.DownloadFailed for that file only', async () => {
    const c = client();
    const { taskId } = await c.submit({ model: 'fun-asr', fileUrls: [host.urlFor('missingAAAAAAAAA', 600)], parameters: {} });
    const q = await finish(c, taskId);
    expect(q.output.task_status).toBe('FAILED');
    expect(q.output.results?.[0]).toMatchObject({ subtask_status: 'FAILED', code: 'InvalidFile.DownloadFailed' });
  });

  it('cancels a PENDING task, and the service refuses to cancel a finished one', async () => {
    const slow = await emulator({ queueDelayMs: 5000 });
    const c = new DashScopeClient({ baseUrl: slow.baseUrl, apiKey: 'sk-test', sleep, limiters: { submit: new RateLimiter(10, 1000, Date.now, sleep), query: new RateLimiter(20, 1000, Date.now, sleep) } });
    const { taskId } = await c.submit({ model: 'fun-asr', fileUrls: [host.urlFor('audioAAAAAAAAAAA', 600)], parameters: {} });
    await c.cancel(taskId);
    expect((await c.query(taskId)).output.task_status).toBe('CANCELED');
    expect((await serviceFailure(c.cancel(taskId))).code).toBe('SERVICE_BAD_REQUEST');
    await slow.close();
  });

  it('keeps a 30-file batch under the submit rate limit: no Throttling from the service', async () => {
    const c = client({ maxAttempts: 1 });
    await sleep(1200); // let earlier tests' requests leave the service's window
    const before = emu.stats.throttled;
    const started = Date.now();
    await Promise.all(Array.from({ length: 30 }, () => c.submit({ model: 'fun-asr', fileUrls: ['http://127.0.0.1:9/nothing'], parameters: {} })));
    expect(emu.stats.throttled).toBe(before);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900); // 30 submits at 10/s need two full windows
    // Without the client's limiter the same burst is throttled by the service.
    const raw = await Promise.all(Array.from({ length: 15 }, () => fetch(`${emu.baseUrl}/services/audio/asr/transcription`, { method: 'POST', headers: { Authorization: 'Bearer sk-test', 'X-DashScope-Async': 'enable' }, body: JSON.stringify({ model: 'fun-asr', input: { file_urls: ['http://127.0.0.1:9/x'] }, parameters: {} }) })));
    expect(raw.filter((r) => r.status === 429).length).toBeGreaterThan(0);
    await sleep(1200);
  });

  it('manages hotword lists with the documented rules', async () => {
    const c = client();
    const id = await c.createVocabulary('fun-asr', 'cap', [{ text: 'Captioner', weight: 4, lang: 'en' }, { text: '阿里巴巴', weight: 4 }]);
    expect(id).toMatch(/^vocab-cap-[0-9a-f]{32}$/);
    expect((await c.listVocabularies('cap')).map((v) => v.vocabulary_id)).toEqual([id]);
    await c.updateVocabulary(id, [{ text: 'Fun-ASR', weight: 5 }]);
    expect(await c.queryVocabulary(id)).toMatchObject({ target_model: 'fun-asr', vocabulary: [{ text: 'Fun-ASR', weight: 5 }], status: 'OK' });
    expect((await serviceFailure(c.createVocabulary('fun-asr', 'Bad_Prefix', []))).code).toBe('SERVICE_BAD_REQUEST');
    expect((await serviceFailure(c.createVocabulary('fun-asr', 'cap', [{ text: 'x', weight: 9 }]))).message).toMatch(/weight/);
    await c.deleteVocabulary(id);
    expect((await serviceFailure(c.queryVocabulary(id))).code).toBe('SERVICE_NOT_FOUND');
  });

  it('uploads to temporary storage and submits the oss:// URL with the resolve header', async () => {
    await emu.script({ urlContains: 'oss://' }, [{ text: 'Uploaded audio works too.' }]);
    const c = client();
    const dir = mkdtempSync(join(tmpdir(), 'up-'));
    const file = join(dir, '上传 file.wav');
    writeFileSync(file, Buffer.from(await (await fetch(host.urlFor('audioAAAAAAAAAAA', 60))).arrayBuffer()));
    const up = await c.uploadFile('fun-asr', file, 'job-1.wav');
    expect(up.url).toMatch(/^oss:\/\/dashscope-instant\/.+\/job-1\.wav$/);
    const { taskId } = await c.submit({ model: 'fun-asr', fileUrls: [up.url], parameters: {} });
    expect(emu.submissions.at(-1)!.headers.ossResolve).toBe('enable');
    const q = await finish(c, taskId);
    expect(q.output.results?.[0]?.subtask_status).toBe('SUCCEEDED');
    // Every upload gets its own policy folder, so a retried upload never hits "overwrite forbidden".
    expect((await c.uploadFile('fun-asr', file, 'job-1.wav')).url).not.toBe(up.url);
    // The upload lands but its answer is lost: the resend's "already exists" is that upload.
    let lost = 0;
    const losing: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (String(input).endsWith('/_oss') && lost++ === 0) throw new TypeError('fetch failed: response lost');
      return res;
    };
    const flaky = new DashScopeClient({ baseUrl: emu.baseUrl, apiKey: 'sk-test', sleep, fetch: losing, limiters: { submit: new RateLimiter(10, 1000, Date.now, sleep), query: new RateLimiter(20, 1000, Date.now, sleep) } });
    const again = await flaky.uploadFile('fun-asr', file, 'job-2.wav');
    expect([lost, again.url]).toEqual([2, expect.stringMatching(/job-2\.wav$/)]);
  });
});

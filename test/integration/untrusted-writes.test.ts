import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../src-main/node/api';
import { openApp, type App } from '../../src-main/node/app';
import { safeUploadName, Uploads, uploadsInUse } from '../../src-main/node/transport/uploads';
import { serve, type ServeHandle } from '../../src-main/node/transport/ws-server';

/** Every write the renderer can make is validated, with a coded error naming what is wrong. */
let app: App;
let api: ReturnType<typeof createApi>;
let transcriptId: string;
let uploads: Uploads;
let server: ServeHandle;

beforeAll(async () => {
  app = openApp({ home: mkdtempSync(join(tmpdir(), 'writes-home-')), env: { ...process.env, DASHSCOPE_API_KEY: '', DASHSCOPE_BASE_URL: '' } });
  uploads = new Uploads(join(app.home, 'imports'), 1024 * 1024);
  api = createApi(app, { version: 'test', transport: 'websocket', uploadsDir: uploads.dir, sweepUploads: () => uploads.sweep(uploadsInUse(app.db, uploads.dir)) });
  transcriptId = app.transcripts.create({ title: 't', track: { cues: [{ id: 'c1', start: 0, end: 1000, lines: ['Hello'], words: [] }], speakers: [] }, presetId: 'netflix-en', durationMs: 1000 });
  server = await serve({ api, staticDir: mkdtempSync(join(tmpdir(), 'static-')), uploads, mediaOrigin: 'http://127.0.0.1:1' });
});
afterAll(async () => {
  await server.close();
  await app.close();
});

const cue = (o: Record<string, unknown>) => ({ id: 'c1', start: 0, end: 1000, lines: ['Hello'], words: [], ...o });
const save = (c: Record<string, unknown>) => api.call('transcript:save', { id: transcriptId, track: { cues: [c], speakers: [] } });

describe('writes from an untrusted renderer', () => {
  it('refuses cues that end before they start, negative or non-finite times, and line breaks that would inject cues', async () => {
    expect(await save(cue({ start: 2000, end: 1000 }))).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('cues.0.end') } });
    expect(await save(cue({ start: -1 }))).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await save(cue({ end: 1.5 }))).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await save(cue({ settings: 'line:0\n\n00:00:05.000 --> 00:00:06.000\nINJECTED' }))).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('cues.0.settings') } });
    expect(await save(cue({ lines: ['a\n\n2\n00:00:05,000 --> 00:00:06,000\nINJECTED'] }))).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('cues.0.lines.0') } });
    // JSON cannot carry Infinity or NaN; they arrive as null and are refused as well.
    expect(await save(JSON.parse(JSON.stringify(cue({ end: Infinity }))) as Record<string, unknown>)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await save(cue({ settings: 'line:0 align:start' }))).toMatchObject({ ok: true });
    const vtt = await api.call('transcript:export', { id: transcriptId, options: { format: 'vtt' } });
    expect(Buffer.from((vtt as { value: { base64: string } }).value.base64, 'base64').toString()).toContain('00:00:00.000 --> 00:00:01.000 line:0 align:start');
    expect(await api.call('transcript:save', { id: 'missing', track: { cues: [], speakers: [] } })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('refuses unknown models, languages, presets and settings, so a bad value can never break later jobs', async () => {
    for (const patch of [{ model: 'gpt-4' }, { language: 'xx' }, { presetId: 'netflix-klingon' }, { hotwordModel: 'a\nb' }, { apiKey: 'x' }, { signingSecret: 'x' }, { speakerCount: 1 }, { maskWords: ['a\nb'] }, { publicBaseUrl: 'javascript:alert(1)' }]) {
      expect([patch, await api.call('settings:set', patch)]).toEqual([patch, { ok: false, error: { code: 'INVALID_INPUT', message: expect.any(String), params: { method: 'settings:set', field: expect.stringMatching(new RegExp(`^${Object.keys(patch)[0]}`)) } } }]);
    }
    expect(await api.call('hotwords:save', { model: 'gpt-4', entries: [] })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await api.call('settings:set', { model: 'fun-asr-mtl', language: 'ja', presetId: 'netflix-ja' })).toMatchObject({ ok: true, value: { model: 'fun-asr-mtl', language: 'ja', presetId: 'netflix-ja' } });
    expect(await api.call('settings:set', { language: '' })).toMatchObject({ ok: true });
    expect(((await api.call('settings:get', {})) as { value: { language?: string } }).value.language).toBeUndefined();
    expect(await api.call('settings:setApiKey', { apiKey: 'sk-1\r\nX-Evil: 1' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('counts corrections of any term, including names of Object properties', async () => {
    const terms = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'Qwen'];
    expect(await api.call('corrections:record', { terms })).toEqual({ ok: true, value: { proposals: [] } });
    expect(await api.call('corrections:record', { terms })).toEqual({ ok: true, value: { proposals: terms } });
    const counts = new Map(app.state.get('correctionCounts') ?? []);
    for (const t of terms) expect([t, counts.get(t)]).toEqual([t, 2]);
  });
});

describe('uploads from a browser', () => {
  const post = (name: string, body: Buffer | string) => fetch(`http://127.0.0.1:${server.port}/upload?token=${server.token}&name=${encodeURIComponent(name)}`, { method: 'POST', body });

  it('names files safely: long CJK names are shortened with a hash, paths and control characters removed', async () => {
    const long = `${'第一届国际会议关于人工智能与字幕的未来发展'.repeat(5)}.srt`; // 100 CJK characters, 300 bytes
    const r = await post(long, '1\n00:00:01,000 --> 00:00:02,000\n你好\n');
    expect(r.status).toBe(200);
    const { path } = (await r.json()) as { path: string };
    expect(Buffer.byteLength(path.split('/').pop() as string)).toBeLessThanOrEqual(180);
    expect(path).toMatch(/~[0-9a-f]{8}\.srt$/);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(safeUploadName('../../etc/passwd')).toBe('passwd');
    expect(safeUploadName('a\u0000b\nc.srt')).toBe('a_b_c.srt');
    expect(safeUploadName('..')).toBe('_'); // never a dot name
    expect(safeUploadName(long)).not.toBe(safeUploadName(`${long.slice(0, 80)}另一个结尾.srt`));
    // The shortened upload imports, and once imported the upload itself is removed.
    expect(await api.call('library:import', { paths: [path] })).toMatchObject({ ok: true, value: [{ cues: 1 }] });
  });

  it('caps the size and keeps nothing of a refused upload', async () => {
    const before = readdirSync(uploads.dir).length;
    const r = await post('big.mp4', Buffer.alloc(2 * 1024 * 1024));
    expect(r.status).toBe(413);
    // The page words the refusal from its code and params; `error` keeps the English message.
    expect(await r.json()).toEqual({ code: 'UPLOAD_TOO_LARGE', error: expect.stringMatching(/^big\.mp4 is larger than/), params: { file: 'big.mp4', limit: expect.any(Number), limitGb: expect.any(String) } });
    expect(readdirSync(uploads.dir)).toHaveLength(before);
    const unnamed = await post('', 'x');
    expect([unnamed.status, await unnamed.json()]).toEqual([400, { code: 'UPLOAD_NO_NAME', error: 'A file name is required.' }]);
  });

  it('removes an upload when its job is removed or canceled and keeps it while a transcript plays it', async () => {
    const r = await post('talk.wav', 'RIFF');
    const { path } = (await r.json()) as { path: string };
    const folder = join(path, '..');
    // A job that failed can be retried: its upload stays until the job is removed.
    const job = app.jobs.create(path, { model: 'fun-asr', diarize: false, channels: 'downmix', delivery: 'auto', quick: false });
    app.jobs.update(job.id, { stage: 'failed' });
    await uploads.sweep(uploadsInUse(app.db, uploads.dir));
    expect(existsSync(folder)).toBe(true);
    expect(await api.call('jobs:remove', { id: job.id })).toMatchObject({ ok: true });
    expect(existsSync(folder)).toBe(false);
    // A transcript whose media is an upload keeps it until the transcript is deleted.
    mkdirSync(folder);
    writeFileSync(path, 'RIFF');
    const id = app.transcripts.create({ title: 'talk', track: { cues: [], speakers: [] }, presetId: 'netflix-en', durationMs: 0, sourcePath: path });
    await uploads.sweep(uploadsInUse(app.db, uploads.dir));
    expect(existsSync(path)).toBe(true);
    expect(await api.call('library:delete', { id })).toMatchObject({ ok: true });
    expect(existsSync(folder)).toBe(false);
  });
});

describe('library file modes', () => {
  it('fixes the modes of an existing install when it is opened', async () => {
    const home = mkdtempSync(join(tmpdir(), 'old-install-'));
    const old = openApp({ home, env: { ...process.env, DASHSCOPE_API_KEY: '' } });
    await old.close();
    chmodSync(home, 0o755);
    for (const f of readdirSync(home).filter((f) => f.startsWith('library.db'))) chmodSync(join(home, f), 0o644);
    const again = openApp({ home, env: { ...process.env, DASHSCOPE_API_KEY: '' } });
    expect(statSync(home).mode & 0o777).toBe(0o700);
    for (const f of ['library.db', 'library.db-wal', 'library.db-shm']) expect([f, statSync(join(home, f)).mode & 0o777]).toEqual([f, 0o600]);
    await again.close();
  });
});

import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../src-main/node/api';
import { openApp, type App } from '../../src-main/node/app';
import { emulator } from '../helpers/emulator';
import { speech, wrap } from '../helpers/media';

type Emu = Awaited<ReturnType<typeof emulator>>;
let emu: Emu;
let app: App;
let api: ReturnType<typeof createApi>;
const sentences = ['The backend answers the interface.'];

beforeAll(async () => {
  emu = await emulator();
  await emu.script({ urlContains: '' }, sentences.map((text) => ({ text })));
  app = openApp({ home: mkdtempSync(join(tmpdir(), 'api-')), env: { ...process.env, DASHSCOPE_API_KEY: '', DASHSCOPE_BASE_URL: emu.baseUrl } });
  api = createApi(app, { version: 'test', transport: 'websocket' });
});
afterAll(async () => {
  await app.close();
  await emu.close();
});

describe('backend API behind both transports', () => {
  it('returns bad input and unknown methods as errors, never throws', async () => {
    // zod's words stay in the message; the call and the field cross as params for the UI's sentence.
    expect(await api.call('jobs:add', { paths: 'not-an-array' })).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('paths'), params: { method: 'jobs:add', field: 'paths' } } });
    expect(await api.call('jobs:cancel', {})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await api.call('settings:set', { theme: 'neon' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await api.call('__proto__', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD', params: { method: '__proto__' } } });
    expect(await api.call('transcript:get', { id: 'nope' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await api.call('jobs:retry', { id: 'nope' })).toMatchObject({ ok: false, error: { code: 'JOB_NOT_FOUND' } });
  });

  it('stores the API key but never sends it back', async () => {
    expect(await api.call('jobs:add', { paths: ['/x.mp4'] })).toMatchObject({ ok: false, error: { code: 'SERVICE_NO_KEY' } });
    const r = await api.call('settings:setApiKey', { apiKey: 'sk-test' });
    expect(r).toMatchObject({ ok: true, value: { hasApiKey: true } });
    expect(JSON.stringify(r)).not.toContain('sk-test');
    expect(JSON.stringify(await api.call('settings:get', {}))).not.toContain('sk-test');
  });

  it('expands a dropped folder into its media files and runs them', async () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'drop-')), 'talks 讲座');
    mkdirSync(folder);
    const wav = speech(sentences);
    wrap(wav, join(folder, 'b.mp3'), { ext: 'mp3' });
    wrap(wav, join(folder, 'a.wav'), { ext: 'wav' });
    writeFileSync(join(folder, 'notes.txt'), 'not media');
    const r = await api.call('jobs:add', { paths: [folder] });
    if (!r.ok) throw new Error(r.error.message);
    const jobs = (r.value as { jobs: { id: string; title: string }[] }).jobs;
    expect(jobs.map((j) => j.title)).toEqual(['a.wav', 'b.mp3']);
    const done = await Promise.all(jobs.map((j) => app.runner.wait(j.id)));
    expect(done.map((d) => d.stage)).toEqual(['done', 'done']);
    const exported = await api.call('transcript:export', { id: done[0]!.transcriptId!, options: { format: 'srt', bom: true } });
    if (!exported.ok) throw new Error(exported.error.message);
    const v = exported.value as { fileName: string; base64: string };
    expect(v.fileName).toBe('a.srt');
    expect(Buffer.from(v.base64, 'base64').toString('utf8')).toContain('\ufeff1\n');
  });

  it('offers the finished transcript when the same content is dropped again, and transcribes again only on request', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'again-'));
    // Content of its own: the folder test above already transcribed an mp3 of the shared sentences.
    const first = wrap(speech(['This file is dropped twice.']), join(dir, 'again.mp3'), { ext: 'mp3' });
    const r1 = await api.call('jobs:add', { paths: [first] });
    if (!r1.ok) throw new Error(r1.error.message);
    const job = (r1.value as { jobs: { id: string }[] }).jobs[0]!;
    const done = await app.runner.wait(job.id);
    const submits = emu.stats.submits;
    // The same bytes under another name (a serve upload, a copy): offered, not billed.
    const copy = join(dir, 'copy of again.mp3');
    writeFileSync(copy, readFileSync(first));
    const r2 = await api.call('jobs:add', { paths: [copy] });
    expect(r2).toEqual({ ok: true, value: { jobs: [], existing: [{ path: copy, title: 'again', transcriptId: done.transcriptId, finishedAt: expect.any(Number) }], notes: [] } });
    // Another recognition option is another transcription.
    const other = await api.call('jobs:add', { paths: [copy], options: { diarize: true } });
    expect(other.ok && (other.value as { jobs: unknown[] }).jobs).toHaveLength(1);
    await app.runner.wait((other as { value: { jobs: { id: string }[] } }).value.jobs[0]!.id);
    const r3 = await api.call('jobs:add', { paths: [copy], retranscribe: true });
    if (!r3.ok) throw new Error(r3.error.message);
    const again = await app.runner.wait((r3.value as { jobs: { id: string }[] }).jobs[0]!.id);
    expect(again.stage).toBe('done');
    expect(emu.stats.submits).toBe(submits + 2);
  });

  it('manages hotword lists and never lets a list reach a job of another model', async () => {
    const bad = await api.call('hotwords:save', { model: 'fun-asr', entries: [{ text: 'x', weight: 9 }] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'HOTWORDS_INVALID', message: expect.stringContaining('weight') } });
    const saved = await api.call('hotwords:save', { model: 'fun-asr', entries: [{ text: 'Captioner', weight: 4 }] });
    if (!saved.ok) throw new Error(saved.error.message);
    const list = saved.value as { id: string; targetModel: string; active: boolean };
    expect([list.targetModel, list.active]).toEqual(['fun-asr', true]);
    const listed = await api.call('hotwords:list', {});
    expect(listed).toMatchObject({ ok: true, value: [{ id: list.id, entries: [{ text: 'Captioner', weight: 4 }] }] });
    const wav = wrap(speech(sentences), join(mkdtempSync(join(tmpdir(), 'hw-')), 'hw.wav'), { ext: 'wav' });
    const added = await api.call('jobs:add', { paths: [wav] });
    expect(added.ok).toBe(true);
    expect(emu.submissions.length).toBeGreaterThan(0);
    await app.runner.wait((added as { value: { jobs: { id: string }[] } }).value.jobs[0]!.id);
    expect(emu.submissions.at(-1)?.parameters).toEqual({ vocabulary_id: list.id });
    // A list made for another model: the job runs without it and the reply says so (one policy, CLI and app).
    const other = await api.call('jobs:add', { paths: [wav], options: { model: 'fun-asr-mtl' } });
    expect(other).toMatchObject({ ok: true, value: { notes: [{ code: 'HOTWORD_LIST_OTHER_MODEL', listId: list.id, listModel: 'fun-asr', model: 'fun-asr-mtl' }] } });
    await app.runner.wait((other as { value: { jobs: { id: string }[] } }).value.jobs[0]!.id);
    expect(emu.submissions.at(-1)?.model).toBe('fun-asr-mtl');
    expect(emu.submissions.at(-1)?.parameters).toEqual({});
    expect(await api.call('hotwords:delete', { id: list.id })).toEqual({ ok: true, value: {} });
    const after = await api.call('settings:get', {});
    expect(after.ok && (after.value as { hotwordListId?: string }).hotwordListId).toBeUndefined();
  });
});

describe('importing existing subtitles', () => {
  it('imports SRT in any encoding with its repairs, finds the video beside it, and refuses what is not a subtitle', async () => {
    const { copyFileSync } = await import('node:fs');
    const { FIXTURES } = await import('../helpers/fixtures');
    const dir = mkdtempSync(join(tmpdir(), 'import-'));
    copyFileSync(join(FIXTURES, 'subtitles', 'messy.srt'), join(dir, 'lecture.srt'));
    copyFileSync(join(FIXTURES, 'subtitles', 'zh-gb18030.srt'), join(dir, '会议.srt'));
    wrap(speech(sentences), join(dir, 'lecture.mp4'), { ext: 'mp4' });
    writeFileSync(join(dir, 'notes.srt'), 'this is not a subtitle file');
    const r = await api.call('library:import', { paths: [join(dir, 'lecture.srt'), join(dir, '会议.srt'), join(dir, 'notes.srt'), join(dir, 'missing.srt')] });
    if (!r.ok) throw new Error(r.error.message);
    const [lecture, zh, notes, missing] = r.value as { transcriptId?: string; cues?: number; repairs?: number; encoding?: string; error?: { code: string; message: string; params?: Record<string, unknown> } }[];
    expect(lecture).toMatchObject({ cues: 4, repairs: expect.any(Number) });
    expect(lecture!.repairs).toBeGreaterThan(5);
    expect(zh).toMatchObject({ cues: 2, encoding: 'gb18030' });
    // Each refusal crosses as a code with the facts its sentence needs (the reader's reason, the file).
    expect(notes!.error).toEqual({ code: 'IMPORT_FAILED', message: expect.stringMatching(/no readable cues.*No SRT cues/), params: { file: join(dir, 'notes.srt'), reason: 'NO_CUES', line: 1 } });
    expect(missing!.error).toEqual({ code: 'FILE_NOT_FOUND', message: expect.stringMatching(/does not exist/), params: { file: join(dir, 'missing.srt') } });
    const got = await api.call('transcript:get', { id: lecture!.transcriptId! });
    expect(got.ok && (got.value as { mediaUrl: string | null; mediaKind: string }).mediaKind).toBe('video');
    expect(got.ok && (got.value as { mediaUrl: string | null }).mediaUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[\w-]+\?exp=\d+&sig=/);
    expect(app.transcripts.search('会议').length).toBeGreaterThan(0);
  });

  it('imports every caption format the readers know, not only SRT and WebVTT', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'import-formats-'));
    writeFileSync(join(dir, 'talk.ass'), '[Script Info]\nScriptType: v4.00+\n\n[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\nDialogue: 0,0:00:01.00,0:00:02.50,Default,,0,0,0,,字幕一行\n');
    writeFileSync(join(dir, 'talk.sbv'), '0:00:01.000,0:00:02.000\nHello from YouTube\n');
    writeFileSync(join(dir, 'talk.lrc'), '[00:01.00]A line of lyrics\n[00:03.00]\n');
    const r = await api.call('library:import', { paths: ['ass', 'sbv', 'lrc'].map((e) => join(dir, `talk.${e}`)) });
    expect(r).toMatchObject({ ok: true, value: [{ cues: 1 }, { cues: 1 }, { cues: 1 }] });
    // A name the readers do not know is still refused before anything is read.
    writeFileSync(join(dir, 'talk.doc'), 'x');
    expect(await api.call('library:import', { paths: [join(dir, 'talk.doc')] })).toMatchObject({ ok: true, value: [{ error: { code: 'NOT_SUBTITLE', params: { file: join(dir, 'talk.doc') } } }] });
  });
});

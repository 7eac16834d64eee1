import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../src-main/node/api';
import { openApp, type App } from '../../src-main/node/app';
import { importSubtitle } from '../../src-main/node/importer';
import { burnPreset } from '../../src-main/shared/burn/style';

/** The burn-in API the app uses, on a real library, real ffmpeg and real files. */
let app: App;
let api: ReturnType<typeof createApi>;
let dir: string;
let id: string;
type R = { ok: boolean; value?: any; error?: { code: string; message: string; params?: Record<string, unknown> } }; // eslint-disable-line @typescript-eslint/no-explicit-any

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'burn-api 接口 '));
  execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'color=c=0x303030:s=256x144:r=25:d=4', '-f', 'lavfi', '-i', 'sine=d=4', '-shortest', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-y', join(dir, 'clip.mp4')]);
  writeFileSync(join(dir, 'clip.srt'), '1\n00:00:00,500 --> 00:00:02,000\n第一句\nFirst line\n\n2\n00:00:02,500 --> 00:00:03,500\nOnly one language\n');
  app = openApp({ home: mkdtempSync(join(tmpdir(), 'burn-api-home-')), env: { ...process.env, DASHSCOPE_API_KEY: '' } });
  api = createApi(app, { version: 'test', transport: 'websocket' });
  id = (await importSubtitle(app, join(dir, 'clip.srt'))).transcriptId;
});

afterAll(async () => {
  await app?.close();
});

const call = (m: string, p: unknown): Promise<R> => api.call(m, p) as Promise<R>;

describe('burn-in API', () => {
  it('offers presets, previews a frame, burns with progress, and never replaces without asking', async () => {
    const o = await call('burn:options', { id });
    expect(o.value).toMatchObject({ video: join(dir, 'clip.mp4'), width: 256, height: 144, durationMs: 4000, output: join(dir, 'clip.captioned.mp4'), outputExists: false, secondLanguage: true, prefs: { quality: 'balanced', encoder: 'auto' } });
    const p = await call('burn:preview', { id, style: burnPreset('bilingual'), atMs: 1250 });
    expect(p.ok).toBe(true);
    expect(Buffer.from(p.value.base64, 'base64').subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff])); // a JPEG
    expect(p.value).toMatchObject({ mime: 'image/jpeg', width: 256, height: 144 });

    const started = await call('burn:start', { id, style: burnPreset('boxed'), quality: 'small', encoder: 'software' });
    expect(started.value).toMatchObject({ stage: expect.stringMatching(/queued|rendering/), outputPath: join(dir, 'clip.captioned.mp4') });
    let job = started.value;
    const seen = new Set<number>();
    for (let t = Date.now(); !['done', 'failed', 'canceled'].includes(job.stage) && Date.now() - t < 60_000; ) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await call('burn:get', { id: started.value.id })).value;
      seen.add(Math.floor(job.progress));
    }
    expect(job).toMatchObject({ stage: 'done', progress: 100, encoder: 'libx264', quality: 'small' });
    expect(readdirSync(dir).sort()).toEqual(['clip.captioned.mp4', 'clip.mp4', 'clip.srt']);
    // The choices are kept for next time.
    expect((await call('burn:options', { id })).value).toMatchObject({ outputExists: true, prefs: { quality: 'small', encoder: 'software', style: { preset: 'boxed' } } });
    const again = await call('burn:start', { id, style: burnPreset('boxed'), quality: 'small', encoder: 'software' });
    expect(again.error).toMatchObject({ code: 'OUTPUT_EXISTS', params: { file: join(dir, 'clip.captioned.mp4') } });
  });

  it('cancels a render and keeps nothing; refuses paths and styles the renderer must not send', async () => {
    const started = await call('burn:start', { id, style: burnPreset('standard'), quality: 'high', encoder: 'software', overwrite: true });
    const canceled = await call('burn:cancel', { id: started.value.id });
    expect(canceled.value).toMatchObject({ stage: 'canceled' });
    expect(readdirSync(dir).filter((n) => n.includes('burn-part'))).toEqual([]);
    expect(existsSync(join(dir, 'clip.captioned.mp4'))).toBe(true); // the earlier result is untouched
    const bad = { ...burnPreset('standard'), main: { ...burnPreset('standard').main, font: 'Arial,{\\b1}' } };
    expect((await call('burn:preview', { id, style: bad, atMs: 0 })).error?.code).toBe('INVALID_INPUT');
    expect((await call('burn:start', { id, video: join(app.home, 'library.db'), style: burnPreset('standard'), quality: 'high', encoder: 'auto' })).error?.code).toBe('PATH_IN_LIBRARY');
    expect((await call('burn:get', { id: 'nope' })).error).toMatchObject({ code: 'NOT_FOUND', params: { reason: 'BURN' } });
  });

  it('a burn-in that fails keeps the code and params the dialog words it with, also when read again', async () => {
    const video = join(dir, 'gone.mp4');
    copyFileSync(join(dir, 'clip.mp4'), video);
    const started = await call('burn:start', { id, video, style: burnPreset('standard'), quality: 'small', encoder: 'software' });
    // Gone before ffmpeg opens it (the render's first step is file I/O, after this reply).
    unlinkSync(video);
    let job = started.value;
    for (let t = Date.now(); !['done', 'failed', 'canceled'].includes(job.stage) && Date.now() - t < 60_000; ) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await call('burn:get', { id: started.value.id })).value;
    }
    expect(job).toMatchObject({ stage: 'failed', error: { code: 'BURN_FAILED', message: expect.stringContaining(video), params: { file: video, encoder: 'libx264' } } });
    expect((await call('burn:options', { id })).value.jobs.find((j: { id: string }) => j.id === job.id)).toMatchObject({ error: { params: { file: video } } });
    // The dialog opened on that video says why it cannot render, in the same shape.
    expect((await call('burn:options', { id, video })).value.videoProblem).toEqual({ code: 'FILE_NOT_FOUND', message: expect.any(String), params: { file: video } });
  });
});

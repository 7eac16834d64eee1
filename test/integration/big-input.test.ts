import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, rmSync, openSync, writeFileSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../src-main/node/api';
import { openApp, type App } from '../../src-main/node/app';
import { importSubtitle } from '../../src-main/node/importer';
import type { Cue } from '../../src-main/shared/captions/model';
import { mergeCues } from '../../src-main/shared/captions/edit';
import { resolvePreset } from '../../src-main/shared/captions/presets';

/** Odd and huge input: FIFOs, devices, a 500k-cue SRT, garbage; memory measured in a child process. */
const ROOT = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'big-input-'));
let app: App;
let api: ReturnType<typeof createApi>;

beforeAll(() => {
  app = openApp({ home: mkdtempSync(join(tmpdir(), 'big-home-')), env: { ...process.env, DASHSCOPE_API_KEY: 'sk-test', DASHSCOPE_BASE_URL: 'http://127.0.0.1:9/api/v1' } });
  api = createApi(app, { version: 'test', transport: 'websocket' });
});
afterAll(async () => {
  await app.close();
});

/** Imports a file in a fresh Node process and reports its outcome and peak RSS. */
function probe(file: string): Promise<{ ok: boolean; code?: string; cues?: number; stored?: number; ms: number; peakRssMb: number; baseRssMb: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test', 'helpers', 'import-probe.ts'), mkdtempSync(join(tmpdir(), 'probe-home-')), file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as never) : reject(new Error(`probe exited ${code}: ${out}`))));
  });
}

const clock = (ms: number): string => {
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${p(Math.floor(ms / 3_600_000))}:${p(Math.floor(ms / 60_000) % 60)}:${p(Math.floor(ms / 1000) % 60)},${p(ms % 1000, 3)}`;
};

describe('odd files', () => {
  it('refuses a FIFO, a device and a folder at once instead of hanging', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fifo-'));
    const fifo = join(dir, 'pipe.srt');
    execFileSync('mkfifo', [fifo]);
    const started = Date.now();
    await expect(importSubtitle(app, fifo)).rejects.toMatchObject({ code: 'NOT_A_FILE', message: expect.stringContaining('named pipe') });
    await expect(importSubtitle(app, '/dev/zero')).rejects.toMatchObject({ code: 'NOT_A_FILE' });
    await expect(importSubtitle(app, dir)).rejects.toMatchObject({ code: 'NOT_A_FILE', detail: { file: dir, reason: 'FOLDER' } });
    // Through the renderer's door too, four at once (serve once stalled all file I/O on these).
    const r = await Promise.all([1, 2, 3, 4].map(() => api.call('library:import', { paths: [fifo] })));
    for (const x of r) expect(x).toMatchObject({ ok: true, value: [{ error: { code: 'NOT_A_FILE', params: { file: fifo } } }] });
    const mediaFifo = join(dir, 'pipe.mp4');
    execFileSync('mkfifo', [mediaFifo]);
    expect(await api.call('jobs:add', { paths: [mediaFifo] })).toMatchObject({ ok: false, error: { code: 'NOT_A_FILE' } });
    expect(Date.now() - started).toBeLessThan(30_000); // generous: the point is that it returns at all
    rmSync(dir, { recursive: true });
  });

  it('refuses a file over the size cap without reading it', async () => {
    const big = join(dir, 'huge.srt');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, 65 * 1024 * 1024); // sparse: no disk used
    closeSync(fd);
    await expect(importSubtitle(app, big)).rejects.toMatchObject({ code: 'FILE_TOO_LARGE', message: expect.stringContaining('64 MB') });
  });

  it('merges 200k cues without a spread (no stack overflow)', () => {
    // Empty cues: the merge's own bounds are what is tested, not the line breaker's cost on 200k words.
    const cues: Cue[] = Array.from({ length: 200_000 }, (_, i) => ({ id: `c${i}`, start: i * 1000, end: i * 1000 + 900, lines: [], words: [] }));
    const merged = mergeCues(cues, ['c0', 'c199999'], resolvePreset('netflix-en')); // the merge spans everything between
    expect(merged).toHaveLength(1);
    expect([merged[0]!.start, merged[0]!.end]).toEqual([0, 199_999_900]);
  });
});

describe('huge and garbage subtitle files, measured in a child process', () => {
  it('imports a 500k-cue SRT within bounded memory', { timeout: 300_000 }, async () => {
    const file = join(dir, 'long.srt');
    const parts: string[] = [];
    for (let i = 0; i < 500_000; i++) parts.push(`${i + 1}\n${clock(i * 1000)} --> ${clock(i * 1000 + 900)}\nLine number ${i + 1} of a very long file\n`);
    writeFileSync(file, parts.join('\n'));
    const r = await probe(file);
    console.log(`500k-cue SRT (${(parts.join('\n').length / 2 ** 20).toFixed(0)} MB): ${JSON.stringify(r)}`);
    expect(r).toMatchObject({ ok: true, cues: 500_000, stored: 500_000 });
    expect(r.peakRssMb).toBeLessThan(1024);
  });

  it('refuses 50 MB of binary garbage at once and 50 MB of text garbage without ballooning', { timeout: 120_000 }, async () => {
    const binary = join(dir, 'garbage.srt');
    writeFileSync(binary, randomBytes(50 * 2 ** 20));
    const b = await probe(binary);
    const text = join(dir, 'garbage.vtt');
    writeFileSync(text, randomBytes(37 * 2 ** 20).toString('base64'));
    const t = await probe(text);
    console.log(`50 MB binary garbage: ${JSON.stringify(b)}; 50 MB text garbage: ${JSON.stringify(t)}`);
    expect(b).toMatchObject({ ok: false, code: 'NOT_TEXT' });
    expect(b.peakRssMb - b.baseRssMb).toBeLessThan(200);
    expect(t).toMatchObject({ ok: false, code: 'IMPORT_FAILED' });
    expect(t.peakRssMb).toBeLessThan(764); // the figure the issue measured for garbage before
  });
});

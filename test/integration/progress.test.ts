import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../src-main/node/api';
import { openApp, type App } from '../../src-main/node/app';
import type { JobView } from '../../src-main/shared/jobs';
import { emulator } from '../helpers/emulator';
import { speech, wrap } from '../helpers/media';

type Emu = Awaited<ReturnType<typeof emulator>>;
let emu: Emu;
let app: App;
const root = mkdtempSync(join(tmpdir(), 'progress-'));
const views: JobView[] = [];

beforeAll(async () => {
  // A slowed service: five seconds in its queue, three transcribing.
  emu = await emulator({ queueDelayMs: 5000, processingDelayMs: 3000 });
  await emu.script({ urlContains: '' }, [{ text: 'Progress is honest.' }]);
  app = openApp({ home: join(root, 'home'), env: { ...process.env, DASHSCOPE_API_KEY: 'sk-test', DASHSCOPE_BASE_URL: emu.baseUrl }, onUpdate: (v) => views.push(v) });
});
afterAll(async () => {
  await app.close();
  await emu.close();
});

describe('honest progress', () => {
  it('gives an ETA that falls while the service queues the task, sends status codes, and learns the service', async () => {
    const api = createApi(app, { version: 'test', transport: 'websocket' });
    const wav = wrap(speech(['Progress is honest.']), join(root, 'eta.wav'), { ext: 'wav' });
    const r = await api.call('jobs:add', { paths: [wav] });
    if (!r.ok) throw new Error(r.error.message);
    const end = await app.runner.wait((r.value as { jobs: { id: string }[] }).jobs[0]!.id);
    expect(end.stage).toBe('done');
    const service = views.filter((v) => v.stage === 'transcribing' && v.etaSeconds !== undefined);
    const queued = service.filter((v) => v.status === 'QUEUED_REMOTE');
    expect(queued.length).toBeGreaterThanOrEqual(3);
    for (let k = 1; k < queued.length; k++) expect(queued[k]!.etaSeconds).toBeLessThanOrEqual(queued[k - 1]!.etaSeconds!);
    expect(queued.at(-1)!.etaSeconds).toBeLessThan(queued[0]!.etaSeconds!);
    expect(service.every((v) => v.etaSeconds! >= 1)).toBe(true);
    // The bar moves during the service phase instead of sitting at one number.
    expect(queued.at(-1)!.progress).toBeGreaterThan(queued[0]!.progress);
    expect(service.some((v) => v.status === 'TRANSCRIBING')).toBe(true);
    // Codes, never English sentences, describe what a job does.
    expect(views.every((v) => /^[A-Z_]+$/.test(v.status) && !('detail' in v))).toBe(true);
    expect(end.durationMs).toBeGreaterThan(1000);
    // The finished task taught the app how this service behaves (stored for the next run).
    const stats = app.state.get('serviceStats');
    expect(stats?.samples).toBe(1);
    expect(stats!.queueMs).toBeLessThan(60_000);
  });
});

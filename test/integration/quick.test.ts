import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeWarning } from '../../src-main/core/jobs';
import { RATE_WINDOW_MS, RateLimiter } from '../../src-main/core/rate-limiter';
import { createApi } from '../../src-main/node/api';
import { openApp, type App } from '../../src-main/node/app';
import { DashScopeClient } from '../../src-main/node/dashscope/client';
import type { FlashSentence } from '../../src-main/shared/flash';
import { jobOptionsSchema } from '../../src-main/shared/jobs';
import { emulator } from '../helpers/emulator';
import { serviceFailure } from '../helpers/expect';
import { silentWav, speech, wrap } from '../helpers/media';

type Emu = Awaited<ReturnType<typeof emulator>>;
let emu: Emu;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const dir = mkdtempSync(join(tmpdir(), 'quick-'));
const short = ['Quick mode answers at once.', 'It streams its sentences.'];
// Over a minute of speech: the service then streams incremental events (§8.2).
const long = Array.from({ length: 22 }, (_, i) => `This is sentence number ${i + 1} of the long clip.`);

const client = (baseUrl = emu.baseUrl) =>
  new DashScopeClient({ baseUrl, apiKey: 'sk-test', sleep, limiters: { submit: new RateLimiter(10, RATE_WINDOW_MS, Date.now, sleep), query: new RateLimiter(20, RATE_WINDOW_MS, Date.now, sleep) } });
const dataUri = (file: string, mime = 'audio/ogg') => `data:${mime};base64,${readFileSync(file).toString('base64')}`;

beforeAll(async () => {
  emu = await emulator();
});
afterAll(() => emu.close());

describe('fun-asr-flash quick mode against the emulator', () => {
  it('streams a long clip, merging the duplicate and drifting events into clean sentences', async () => {
    await emu.script({ urlContains: 'flash:' }, long.map((text) => ({ text })));
    const audio = wrap(speech(long, { gapMs: 900 }), join(dir, 'long.ogg'), { ext: 'ogg' });
    const seen: number[] = [];
    const r = await client().flash({ dataUri: dataUri(audio), format: 'opus', sampleRate: 16000, context: { texts: ['sentence, clip'] } }, (all: FlashSentence[]) => seen.push(all.length));
    expect(r.sentences.map((x) => x.text)).toEqual(long);
    expect(seen.length).toBeGreaterThan(long.length); // captions grew while it ran
    expect(Math.max(...seen)).toBe(long.length);
    expect(r.usageSeconds).toBeGreaterThan(60);
    expect(emu.flashRequests.at(-1)).toMatchObject({ streamed: true, context: [{ role: 'user', type: 'input_text', text: 'sentence, clip' }], parameters: { format: 'opus', sample_rate: '16000' } });
  });

  it('reads the single result of a short clip, in both response layouts', async () => {
    const top = await emulator({ flashTopLevel: true });
    for (const e of [emu, top]) {
      await e.script({ urlContains: 'flash:' }, short.map((text) => ({ text })));
      const audio = wrap(speech(short), join(dir, 'short.ogg'), { ext: 'ogg' });
      const r = await client(e.baseUrl).flash({ dataUri: dataUri(audio), format: 'opus', sampleRate: 16000 });
      expect(r.sentences).toHaveLength(1);
      expect(r.sentences[0]!.text).toBe(short.join(''));
      expect(r.sentences[0]!.words.length).toBeGreaterThan(5);
    }
    await top.close();
  });

  it('maps the documented limits and "no words" the way a user needs them', async () => {
    const tooLong = silentWav(join(dir, 'five and a bit minutes.wav'), 301);
    expect((await serviceFailure(client().flash({ dataUri: dataUri(tooLong, 'audio/wav'), format: 'wav', sampleRate: 1000 }))).code).toBe('QUICK_TOO_LONG');
    const huge = `data:audio/ogg;base64,${randomBytes(8 * 1024 * 1024).toString('base64')}`;
    expect((await serviceFailure(client().flash({ dataUri: huge, format: 'opus', sampleRate: 16000 }))).code).toBe('QUICK_TOO_LARGE');
    const silent = silentWav(join(dir, 'silence.wav'), 5);
    expect(await client().flash({ dataUri: dataUri(silent, 'audio/wav'), format: 'wav', sampleRate: 1000 })).toEqual({ sentences: [], text: '' });
    // The emulator rejects what the docs forbid: no format, audio not last.
    const raw = await fetch(`${emu.baseUrl}/services/aigc/multimodal-generation/generation`, {
      method: 'POST', headers: { Authorization: 'Bearer sk-test', 'Content-Type': 'application/json' },
      body: JSON.stringify({ model: 'fun-asr-flash-2026-06-15', input: { messages: [{ role: 'user', content: [{ type: 'input_audio', input_audio: { data: 'data:audio/wav;base64,AA' } }] }, { role: 'user', content: [{ type: 'input_text', text: 'x' }] }] }, parameters: {} }),
    });
    expect(raw.status).toBe(400);
  });
});

describe('quick jobs, learned terms and filters through the app', () => {
  let app: App;
  beforeAll(() => {
    app = openApp({ home: mkdtempSync(join(tmpdir(), 'quick-home-')), env: { ...process.env, DASHSCOPE_API_KEY: 'sk-test', DASHSCOPE_BASE_URL: emu.baseUrl }, sleep: (ms) => sleep(Math.min(ms, 100)) });
  });
  afterAll(() => app.close());

  it('captions a short clip in quick mode without any submit, sending learned terms as context', async () => {
    await emu.script({ urlContains: 'flash:' }, short.map((text) => ({ text })));
    const api = createApi(app, { version: 'test', transport: 'websocket' });
    // The same correction twice → proposed → accepted → part of the next quick job's context.
    expect(await api.call('corrections:record', { terms: ['Kubernetes'] })).toEqual({ ok: true, value: { proposals: [] } });
    expect(await api.call('corrections:record', { terms: ['Kubernetes'] })).toEqual({ ok: true, value: { proposals: ['Kubernetes'] } });
    expect(await api.call('corrections:decide', { term: 'Kubernetes', accept: true })).toEqual({ ok: true, value: { addedToHotwords: false } });
    expect(await api.call('corrections:record', { terms: ['Kubernetes'] })).toEqual({ ok: true, value: { proposals: [] } }); // not proposed again
    await api.call('settings:set', { quickContext: 'A talk about container orchestration.' });
    const submitsBefore = emu.stats.submits;
    const file = wrap(speech(short), join(dir, 'clip.mp4'), { ext: 'mp4', audioOffsetMs: 1000 });
    const job = app.runner.add(file, jobOptionsSchema.parse({ quick: true }));
    const end = await app.runner.wait(job.id);
    expect([end.stage, end.error]).toEqual(['done', undefined]);
    expect(emu.stats.submits).toBe(submitsBefore);
    const req = emu.flashRequests.at(-1)!;
    expect(req.context.map((c) => c.text)).toEqual(['Kubernetes', 'A talk about container orchestration.']);
    const track = app.transcripts.track(end.transcriptId!)!;
    expect(track.cues.map((c) => c.lines.join(' ')).join(' ')).toBe(short.join(' '));
    expect(Math.abs(track.cues[0]!.start - 1500)).toBeLessThan(250); // the audio offset still applies
  });

  it('keeps a clip over 5 minutes on the async path even when quick mode was asked for', async () => {
    const calls = emu.stats.flashCalls;
    const submits = emu.stats.submits;
    const end = await app.runner.wait(app.runner.add(silentWav(join(dir, 'six minutes.wav'), 360), jobOptionsSchema.parse({ quick: true })).id);
    expect(end.stage).toBe('done');
    // Silence: the service hears no speech either.
    expect(end.warnings).toEqual([{ code: 'QUICK_TOO_LONG_STANDARD', params: { minutes: '6.0', limitMinutes: 5 } }, { code: 'NO_SPEECH' }]);
    expect(describeWarning(end.warnings[0]!)).toBe('Longer than 5 minutes (6.0 min): transcribed the standard way instead of quick mode.');
    expect(emu.stats.flashCalls).toBe(calls);
    expect(emu.stats.submits).toBe(submits + 1);
  });

  it('sends the sensitive-word filter as the documented JSON string', async () => {
    await emu.script({ urlContains: '' }, short.map((text) => ({ text })));
    const file = wrap(speech(short), join(dir, 'filtered.wav'), { ext: 'wav' });
    const opts = jobOptionsSchema.parse({ specialWordFilter: { maskWords: ['streams'], removeWords: ['at'], systemReserved: false } });
    const end = await app.runner.wait(app.runner.add(file, opts).id);
    expect(end.stage).toBe('done');
    const p = emu.submissions.at(-1)!.parameters as { special_word_filter: string };
    expect(typeof p.special_word_filter).toBe('string');
    expect(JSON.parse(p.special_word_filter)).toEqual({ system_reserved_filter: false, filter_with_signed: { word_list: ['streams'] }, filter_with_empty: { word_list: ['at'] } });
    // The service masked one word and removed another: the masked one is what the editor flags.
    const text = app.transcripts.track(end.transcriptId!)!.cues.map((c) => c.lines.join(' ')).join(' ');
    expect(text).toBe('Quick mode answers once. It ******* its sentences.');
  });
});

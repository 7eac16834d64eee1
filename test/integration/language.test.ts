import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../src-main/node/api';
import { openApp, type App } from '../../src-main/node/app';
import { checkTrack } from '../../src-main/shared/captions/qc';
import { resolvePreset } from '../../src-main/shared/captions/presets';
import { textWidth } from '../../src-main/shared/captions/text';
import { parseSrt } from '../../src-main/shared/formats/srt';
import { parseVtt } from '../../src-main/shared/formats/vtt';
import { runCli } from '../helpers/cli';
import { emulator } from '../helpers/emulator';
import { speech, wrap } from '../helpers/media';

type Emu = Awaited<ReturnType<typeof emulator>>;
let emu: Emu;
let app: App;
let api: ReturnType<typeof createApi>;
const root = mkdtempSync(join(tmpdir(), 'lang-'));
const home = join(root, 'home');
// 27 and 24 characters: one line each under Netflix English (42), two lines under Chinese (16).
const chinese = ['今天我们来讨论一下字幕的长度和阅读速度的问题。', '中文字幕每行不应该超过十六个汉字，这是规范。'];

beforeAll(async () => {
  emu = await emulator();
  await emu.script({ urlContains: '' }, chinese.map((text) => ({ text })));
  app = openApp({ home, env: { ...process.env, DASHSCOPE_API_KEY: 'sk-test', DASHSCOPE_BASE_URL: emu.baseUrl } });
  api = createApi(app, { version: 'test', transport: 'websocket' });
});
afterAll(async () => {
  await app.close();
  await emu.close();
});

const value = <T>(r: { ok: boolean; value?: unknown; error?: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error?.message);
  return r.value as T;
};

describe('the transcript\'s language decides', () => {
  let id = '';
  it('detects Chinese when the language was left on auto, stores it and uses the zh preset in SRT, WebVTT and QC', async () => {
    const wav = wrap(speech(chinese, { voice: 'cmn', gapMs: 800 }), join(root, '讲座.wav'), { ext: 'wav' });
    const added = value<{ jobs: { id: string }[] }>(await api.call('jobs:add', { paths: [wav] }));
    const end = await app.runner.wait(added.jobs[0]!.id);
    expect(end.stage).toBe('done');
    expect(emu.submissions.at(-1)?.parameters).not.toHaveProperty('language_hints');
    id = end.transcriptId as string;
    const [meta] = value<{ id: string; language: string | null; presetId: string }[]>(await api.call('library:list', {})).filter((m) => m.id === id);
    expect([meta?.language, meta?.presetId]).toEqual(['zh', 'netflix-zh-hans']);
    const preset = resolvePreset('netflix-zh-hans');
    for (const format of ['srt', 'vtt'] as const) {
      const out = value<{ base64: string }>(await api.call('transcript:export', { id, options: { format } }));
      const text = Buffer.from(out.base64, 'base64').toString('utf8');
      const cues = (format === 'srt' ? parseSrt(text) : parseVtt(text)).cues;
      const lines = cues.flatMap((c) => c.lines);
      expect(lines.join('').replace(/\s/g, '')).toBe(chinese.join(''));
      expect(Math.max(...lines.map((l) => textWidth(l, preset.widthMode))), format).toBeLessThanOrEqual(16);
      expect(lines.length, format).toBeGreaterThan(cues.length); // the long sentences broke into two lines
    }
    const track = value<{ track: Parameters<typeof checkTrack>[0] }>(await api.call('transcript:get', { id })).track;
    expect(checkTrack(track, preset).filter((f) => f.code === 'LINE_TOO_LONG' || f.code === 'TOO_MANY_LINES')).toEqual([]);
    // What the issue saw: checked against Netflix English the same lines pass as one line of 27.
    expect(track.cues.every((c) => c.lines.every((l) => l.length <= 16))).toBe(true);
  });

  it('changes language and preset per transcript: cues are cut again from their words, edited cues kept', async () => {
    const before = value<{ track: { cues: { id: string; lines: string[]; words: unknown[] }[]; speakers: [] } }>(await api.call('transcript:get', { id })).track;
    const edited = { ...before, cues: before.cues.map((c, k) => (k === 0 ? { ...c, lines: ['改过的第一句'] } : c)) };
    value(await api.call('transcript:save', { id, track: edited }));
    const r = value<{ meta: { presetId: string; language: string }; track: { cues: { lines: string[] }[] }; kept: number; rebuilt: number }>(await api.call('transcript:setLanguage', { id, presetId: 'netflix-en' }));
    expect([r.meta.presetId, r.meta.language, r.kept]).toEqual(['netflix-en', 'zh', 1]);
    expect(r.track.cues[0]?.lines).toEqual(['改过的第一句']);
    // Under 42 characters a line, the remaining text fits on fewer lines than under 16.
    expect(Math.max(...r.track.cues.slice(1).flatMap((c) => c.lines.map((l) => l.length)))).toBeGreaterThan(16);
    expect(await api.call('transcript:setLanguage', { id, presetId: 'nope' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('library export --language switches back, from the words, and says what it kept', async () => {
    await app.close();
    const env = { CAPTIONER_HOME: home, DASHSCOPE_API_KEY: 'sk-test', DASHSCOPE_BASE_URL: emu.baseUrl };
    const r = await runCli(['library', 'export', id.slice(0, 8), '--format', 'srt', '--language', 'zh'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^language zh, preset netflix-zh-hans: \d+ cues from the words; 1 edited cue kept as they were \(--resegment-edited to cut them too\)\.\n$/);
    const lines = parseSrt(r.stdout).cues.flatMap((c) => c.lines);
    expect(lines[0]).toBe('改过的第一句');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(16);
    app = openApp({ home, env: { ...process.env, DASHSCOPE_API_KEY: 'sk-test', DASHSCOPE_BASE_URL: emu.baseUrl } });
  });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src-main/node/db/migrate';
import { StateRepo } from '../../src-main/node/db/repos/state';
import { SettingsRepo } from '../../src-main/node/db/repos/settings';
import { settingsPatchSchema, settingsViewSchema } from '../../src-main/shared/ipc/contract';
import { SETTING_KEYS, VIEW_KEYS } from '../../src-main/shared/settings';
import { runCli } from '../helpers/cli';
import { emulator } from '../helpers/emulator';
import { speech, wrap } from '../helpers/media';

type Emu = Awaited<ReturnType<typeof emulator>>;
let emu: Emu;
const dir = mkdtempSync(join(tmpdir(), 'settings-'));
const sentences = ['One speaker is talking here.', 'And then another one answers.'];

beforeAll(async () => {
  emu = await emulator();
  await emu.script({ urlContains: '' }, sentences.map((text) => ({ text })));
});
afterAll(() => emu.close());

const envFor = (home: string, extra: Record<string, string> = {}): Record<string, string> => ({ CAPTIONER_HOME: home, DASHSCOPE_API_KEY: '', DASHSCOPE_BASE_URL: '', DASHSCOPE_REGION: '', ...extra });

describe('one settings table', () => {
  it('the app-state migration moves internal state out of the user settings, keeping every value', () => {
    const db = new Database(join(dir, 'v3.db'));
    migrate(db, 3);
    const put = db.prepare('INSERT INTO settings(key, value) VALUES (?, ?)');
    put.run('model', JSON.stringify('fun-asr-mtl'));
    put.run('signingSecret', JSON.stringify('0123456789abcdef0123'));
    put.run('hostingPort', JSON.stringify(40123));
    put.run('learnedTerms', JSON.stringify(['Qwen']));
    put.run('correctionCounts', JSON.stringify({ Qwen: 2, __proto__x: 1 }));
    put.run('windowBounds', JSON.stringify({ x: 1, y: 2, width: 900, height: 700 }));
    migrate(db);
    const state = new StateRepo(db);
    expect([state.get('signingSecret'), state.get('hostingPort'), state.get('learnedTerms'), state.get('windowBounds')]).toEqual(['0123456789abcdef0123', 40123, ['Qwen'], { x: 1, y: 2, width: 900, height: 700 }]);
    expect(state.get('correctionCounts')).toEqual([['Qwen', 2], ['__proto__x', 1]]);
    const keys = (db.prepare('SELECT key FROM settings').all() as { key: string }[]).map((r) => r.key);
    expect(keys).toEqual(['model']);
    const settings = new SettingsRepo(db);
    expect(settings.get('model')).toBe('fun-asr-mtl');
    expect(() => settings.set('speakerCount', 1)).toThrow(/speakerCount/);
    db.close();
  });

  it('derives the renderer view and patch from the table: secrets hidden, CLI-only settings refused', () => {
    expect(VIEW_KEYS).not.toContain('apiKey');
    expect(VIEW_KEYS.length).toBe(SETTING_KEYS.length - 1);
    expect(settingsPatchSchema.safeParse({ model: 'fun-asr-mtl', language: '', speakerCount: null }).success).toBe(true);
    for (const cliOnly of [{ bindHost: '0.0.0.0' }, { ffmpegPath: '/tmp/evil' }, { apiKey: 'sk-x' }, { submitRps: 100 }]) expect(settingsPatchSchema.safeParse(cliOnly).success, JSON.stringify(cliOnly)).toBe(false);
    expect(settingsPatchSchema.safeParse({ model: 'whisper' }).success).toBe(false);
    expect(settingsViewSchema.safeParse({ hasApiKey: false, learnedTerms: [] }).success).toBe(false);
  });
});

describe('captioner config', () => {
  it('lists every setting with its value, where it comes from and what it means', async () => {
    const home = join(dir, 'home-list');
    expect((await runCli(['config', 'set', 'model', 'fun-asr-mtl'], envFor(home))).code).toBe(0);
    const r = await runCli(['config', 'list'], envFor(home, { DASHSCOPE_API_KEY: 'sk-abcdefghijklmnop' }));
    expect(r.code).toBe(0);
    const line = (k: string): string => r.stdout.split('\n').find((l) => l.startsWith(`${k} `)) ?? '';
    expect(line('apiKey')).toMatch(/^apiKey\s+sk-…op \(19 chars\)\s+env DASHSCOPE_API_KEY\s+DashScope API key$/);
    expect(line('model')).toMatch(/^model\s+fun-asr-mtl\s+saved\s+recognition model: fun-asr, /);
    expect(line('region')).toMatch(/^region\s+beijing\s+default\s+service region/);
    expect(line('language')).toMatch(/^language\s+\(not set\)\s+default\s+language hint/);
    expect(r.stdout).not.toContain('abcdefghijklmnop');
  });

  it('get says where a value comes from, and never prints null', async () => {
    const home = join(dir, 'home-get');
    expect((await runCli(['config', 'get', 'model'], envFor(home))).stdout).toBe('fun-asr  (default)\n');
    expect((await runCli(['config', 'get', 'region'], envFor(home, { DASHSCOPE_REGION: 'singapore' }))).stdout).toBe('singapore  (env DASHSCOPE_REGION)\n');
    expect((await runCli(['config', 'get', 'language'], envFor(home))).stdout).toBe("(not set: language hint (zh, en, ja, ...); unset = detect from the transcript)\n");
  });

  it('refuses a bad value or an unknown key with what it accepts', async () => {
    const home = join(dir, 'home-bad');
    const bad = await runCli(['config', 'set', 'speakerCount', '1'], envFor(home));
    expect([bad.code, bad.stderr]).toEqual([2, 'speakerCount: Too small: expected number to be >=2 (expected number of speakers (2-100), a hint for speaker finding)\n']);
    const unknown = await runCli(['config', 'get', 'colour'], envFor(home));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^Unknown setting "colour"\. Settings: apiKey, region, /);
    const bare = await runCli(['config'], envFor(home));
    expect([bare.code, bare.stdout.split('\n')[0]]).toEqual([0, 'captioner config — your settings (the same ones as the app\'s Settings screen)']);
  });
});

describe('captioner caption honours the saved settings', () => {
  it('sends the saved diarization, speaker count and word filters; a flag wins for this run', async () => {
    const home = join(dir, 'home-diarize');
    const env = envFor(home, { DASHSCOPE_API_KEY: 'sk-test', DASHSCOPE_BASE_URL: emu.baseUrl });
    for (const [k, v] of [['diarize', 'true'], ['speakerCount', '3'], ['maskWords', 'alpha,beta'], ['systemReservedFilter', 'false']]) expect((await runCli(['config', 'set', k as string, v as string], env)).code).toBe(0);
    const wav = wrap(speech(sentences), join(dir, 'two.wav'), { ext: 'wav' });
    const r = await runCli(['caption', wav], env);
    expect(r.code, r.stderr).toBe(0);
    expect(emu.submissions.at(-1)?.parameters).toEqual({ diarization_enabled: true, speaker_count: 3, special_word_filter: JSON.stringify({ system_reserved_filter: false, filter_with_signed: { word_list: ['alpha', 'beta'] } }) });
    const off = await runCli(['caption', wav, '--no-diarize', '--retranscribe', '--overwrite'], env);
    expect(off.code, off.stderr).toBe(0);
    expect(emu.submissions.at(-1)?.parameters).not.toHaveProperty('diarization_enabled');
  });
});

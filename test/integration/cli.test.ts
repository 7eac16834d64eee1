import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSrt } from '../../src-main/shared/formats/srt';
import { parseVtt } from '../../src-main/shared/formats/vtt';
import { runCli, startCli } from '../helpers/cli';
import { FIXTURES } from '../helpers/fixtures';
import { emulator } from '../helpers/emulator';
import { speech, wrap } from '../helpers/media';
import { w3cParse } from '../helpers/w3c-vtt';

type Emu = Awaited<ReturnType<typeof emulator>>;
let emu: Emu;
const dir = mkdtempSync(join(tmpdir(), 'cli-'));
const english = ['Welcome to the captioning test.', 'This file was spoken by a machine.', 'Goodbye and thank you.'];
const chinese = ['大家好，欢迎参加测试。', '这是第二句话。'];
const enWav = speech(english, { gapMs: 1000 });
const zhWav = speech(chinese, { voice: 'cmn', gapMs: 1000 });

const envFor = (home: string, baseUrl = emu.baseUrl): Record<string, string> => ({ CAPTIONER_HOME: home, DASHSCOPE_API_KEY: 'sk-test', DASHSCOPE_BASE_URL: baseUrl });

beforeAll(async () => {
  emu = await emulator();
  await emu.script({ urlContains: '' }, english.map((text) => ({ text })));
});
afterAll(() => emu.close());

describe('captioner caption (end to end against the emulator)', () => {
  it('captions mp4, mkv, mp3 and wav files, one with a CJK name, into SRT beside them', async () => {
    const files = [
      wrap(enWav, join(dir, 'talk.mp4'), { ext: 'mp4' }),
      wrap(enWav, join(dir, 'lecture with spaces.mkv'), { ext: 'mkv' }),
      wrap(enWav, join(dir, "podcast 'quoted'.mp3"), { ext: 'mp3' }),
      wrap(enWav, join(dir, '会议 录音.wav'), { ext: 'wav' }),
    ];
    const r = await runCli(['caption', ...files], envFor(join(dir, 'home')));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const f of files) {
      const srt = f.replace(/\.\w+$/, '.srt');
      expect(existsSync(srt), srt).toBe(true);
      const parsed = parseSrt(readFileSync(srt));
      expect(parsed.issues).toEqual([]);
      expect(parsed.cues.map((c) => c.lines.join(' '))).toEqual(english);
      // Timing follows the speech: 0.5 s lead-in, each cue inside the audio, in order with gaps.
      expect(Math.abs(parsed.cues[0]!.start - 500)).toBeLessThan(200);
      parsed.cues.forEach((c, k) => {
        expect(c.end).toBeGreaterThan(c.start + 800);
        if (k) expect(c.start).toBeGreaterThan(parsed.cues[k - 1]!.end);
      });
      expect(r.stdout).toContain(`→ ${srt}`);
    }
  });

  it('writes WebVTT to --out with Chinese text, accepted by the W3C parser', async () => {
    const home = join(dir, 'home-zh');
    const file = wrap(zhWav, join(dir, '中文讲座.mp4'), { ext: 'mp4' });
    await emu.script({ urlContains: '' }, chinese.map((text) => ({ text })));
    const out = join(dir, 'captions out');
    const r = await runCli(['caption', file, '--format', 'vtt', '--out', out, '--language', 'zh'], envFor(home));
    await emu.script({ urlContains: '' }, english.map((text) => ({ text })));
    expect(r.code).toBe(0);
    const vtt = readFileSync(join(out, '中文讲座.vtt'), 'utf8');
    expect(w3cParse(vtt).errors).toEqual([]);
    expect(parseVtt(vtt).cues.map((c) => c.lines.join(''))).toEqual(chinese);
    expect(emu.submissions.at(-1)?.parameters).toEqual({ language_hints: ['zh'] });
  });

  it('keeps going when one file fails, exits non-zero and prints each reason', async () => {
    const good = wrap(enWav, join(dir, 'good.mp3'), { ext: 'mp3' });
    const bad = join(dir, 'broken.mp4');
    writeFileSync(bad, 'not a video');
    const missing = join(dir, 'missing.wav');
    const folder = join(dir, 'a folder');
    mkdirSync(folder);
    const r = await runCli(['caption', bad, good, missing], envFor(join(dir, 'home-mixed')));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ broken\.mp4: .*not a media file ffmpeg can read.*\[UNREADABLE_MEDIA\]/);
    expect(r.stdout).toMatch(/✗ missing\.wav: .*does not exist.*\[FILE_NOT_FOUND\]/);
    expect(r.stdout).toContain('✓ good.mp3');
    expect(r.stderr).toContain('2 of 3 files failed');
    expect(existsSync(join(dir, 'good.srt'))).toBe(true);
    const empty = await runCli(['caption', folder], envFor(join(dir, 'home-mixed')));
    expect([empty.code, empty.stderr]).toEqual([2, 'No media files found in the given folders.\n']);
  });

  it('turns a hotword file into a list for the model in use, reused on the next run', async () => {
    const home = join(dir, 'home-hotwords');
    const words = join(dir, 'terms.txt');
    writeFileSync(words, 'Captioner | 5\nFun-ASR\n阿里巴巴 | 4 | zh\n');
    const file = wrap(enWav, join(dir, 'hot.mp3'), { ext: 'mp3' });
    const first = await runCli(['caption', file, '--hotwords', words, '--overwrite'], envFor(home));
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/Created hotword list vocab-captioner-[0-9a-f]{32} for fun-asr/);
    const id = (emu.submissions.at(-1)?.parameters as { vocabulary_id: string }).vocabulary_id;
    expect(id).toMatch(/^vocab-captioner-/);
    const second = await runCli(['caption', file, '--hotwords', words, '--overwrite'], envFor(home));
    expect([second.code, second.stderr]).toEqual([0, '']);
    expect((emu.submissions.at(-1)?.parameters as { vocabulary_id: string }).vocabulary_id).toBe(id);
    writeFileSync(words, 'Captioner | 9\n');
    const bad = await runCli(['caption', file, '--hotwords', words], envFor(home));
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('weight must be a whole number from 1 to 5')]);
  });

  it('explains a missing API key and bad options without starting anything', async () => {
    const home = join(dir, 'home-nokey');
    const noKey = await runCli(['caption', join(dir, 'talk.mp4')], { CAPTIONER_HOME: home, DASHSCOPE_API_KEY: '', DASHSCOPE_BASE_URL: emu.baseUrl });
    expect([noKey.code, noKey.stderr]).toEqual([2, expect.stringContaining('DASHSCOPE_API_KEY')]);
    const badFormat = await runCli(['caption', join(dir, 'talk.mp4'), '--format', 'docx'], envFor(home));
    expect([badFormat.code, badFormat.stderr]).toEqual([2, expect.stringContaining('--format must be one of srt, vtt, ass')]);
    const badLang = await runCli(['caption', join(dir, 'talk.mp4'), '--language', 'xx'], envFor(home));
    expect([badLang.code, badLang.stderr]).toEqual([2, expect.stringContaining('unsupported language')]);
  });

  it('resumes after being killed during transcription, without a second submit', async () => {
    // Queued 10 s: the kill and the rerun's start fit well inside, even on a loaded machine (were the
    // rerun's signed-URL server not up when the service came, it would rightly submit once more).
    const slow = await emulator({ queueDelayMs: 10_000 });
    await slow.script({ urlContains: '' }, english.map((text) => ({ text })));
    const home = join(dir, 'home-kill');
    const file = wrap(enWav, join(dir, 'killed.mkv'), { ext: 'mkv' });
    const first = startCli(['caption', file], envFor(home, slow.baseUrl));
    const deadline = Date.now() + 30_000;
    while (!first.output().includes('queued at the service') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(first.output()).toContain('queued at the service');
    first.child.kill('SIGKILL');
    await first.done;
    expect(slow.stats.submits).toBe(1);
    expect(existsSync(join(dir, 'killed.srt'))).toBe(false);
    const again = await runCli(['caption', file], envFor(home, slow.baseUrl));
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('resuming (queued at the service)');
    expect(slow.stats.submits).toBe(1);
    expect(slow.stats.downloads).toBe(1);
    expect(parseSrt(readFileSync(join(dir, 'killed.srt'))).cues.map((c) => c.lines.join(' '))).toEqual(english);
    await slow.close();
  });
});

describe('captioner config', () => {
  it('stores settings with validation and never prints the key in full', async () => {
    const env = { CAPTIONER_HOME: join(dir, 'home-config'), DASHSCOPE_API_KEY: '' };
    const set = await runCli(['config', 'set', 'apiKey', 'sk-0123456789abcdef'], env);
    expect(set.code).toBe(0);
    expect(set.stdout).not.toContain('0123456789abcdef');
    const list = await runCli(['config', 'list'], env);
    expect(list.stdout).toMatch(/apiKey\s+sk-…ef \(19 chars\)/);
    expect(list.stdout).not.toContain('0123456789');
    const bad = await runCli(['config', 'set', 'region', 'us-east'], env);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('beijing or singapore')]);
    const unknown = await runCli(['config', 'set', 'colour', 'red'], env);
    expect([unknown.code, unknown.stderr]).toEqual([2, expect.stringContaining('Unknown setting "colour"')]);
  });
});

describe('captioner library', () => {
  it('lists, searches, shows and exports what was captioned', async () => {
    const env = envFor(join(dir, 'home'));
    const list = await runCli(['library', 'list'], env);
    expect(list.code).toBe(0);
    expect(list.stdout.trim().split('\n')).toHaveLength(4);
    expect(list.stdout).toContain('会议 录音');
    const search = await runCli(['library', 'search', 'spoken by'], env);
    expect(search.stdout).toMatch(/talk: This file was \[spoken by\] a machine\./);
    const id = search.stdout.split(/\s+/)[0] as string;
    const show = await runCli(['library', 'show', id], env);
    expect(show.stdout).toContain('Goodbye and thank you.');
    const out = join(dir, 'exported.vtt');
    const exp = await runCli(['library', 'export', id, '--format', 'vtt', '--out', out], env);
    expect(exp.code).toBe(0);
    expect(w3cParse(readFileSync(out, 'utf8')).cues).toHaveLength(3);
    const crlf = await runCli(['library', 'export', id, '--format', 'srt', '--crlf', '--bom'], env);
    expect(crlf.stdout.startsWith('\ufeff1\r\n')).toBe(true);
    const nothing = await runCli(['library', 'search', 'zebra crossing'], env);
    expect([nothing.code, nothing.stdout]).toEqual([1, 'No matches for "zebra crossing".\n']);
    const unknown = await runCli(['library', 'show', 'ffffffff'], env);
    expect([unknown.code, unknown.stderr]).toEqual([1, expect.stringContaining('No transcript matches')]);
  });

  it('imports existing subtitles, reporting every repair, and refuses what it cannot read', async () => {
    const env = envFor(join(dir, 'home-import'));
    const ok = await runCli(['library', 'import', join(FIXTURES, 'subtitles', 'messy.srt'), join(FIXTURES, 'subtitles', 'zh-big5.srt')], env);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/messy: 4 cues, no media found/);
    expect(ok.stdout).toMatch(/repaired line 6: Cue number 7 where 2 was expected; renumbered\./);
    expect(ok.stdout).toMatch(/error line 18: Cannot read the times/);
    expect(ok.stdout).toMatch(/zh-big5: 2 cues, decoded from big5/);
    const bad = await runCli(['library', 'import', join(FIXTURES, 'subtitles', 'no-header.vtt')], env);
    expect([bad.code, bad.stderr]).toEqual([1, expect.stringMatching(/no-header\.vtt has no readable cues \(line 1: The file does not start with "WEBVTT"/)]);
  });
});

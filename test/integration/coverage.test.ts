import { chmodSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeFinding } from '../../src-main/core/jobs';
import { openApp, type App } from '../../src-main/node/app';
import { locateTools } from '../../src-main/node/media/locate';
import { speechMap } from '../../src-main/node/media/speech';
import { jobOptionsSchema } from '../../src-main/shared/jobs';
import { emulator } from '../helpers/emulator';
import { speech, wrap } from '../helpers/media';

/**
 * The coverage check before a job is called done (issue 13): real ffmpeg over the extracted audio,
 * the emulator answering with a result that leaves a spoken sentence without text.
 */
type Emu = Awaited<ReturnType<typeof emulator>>;
let emu: Emu;
const media = mkdtempSync(join(tmpdir(), 'coverage-media-'));
const sentences = ['The talk begins here.', 'This middle sentence is long enough to take several seconds when the synthesizer speaks it aloud.', 'And the talk ends here.'];
const wav = speech(sentences, { gapMs: 1500, leadMs: 800 });
const fastSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.min(ms, 100)));
const app = (env: Record<string, string> = {}): App =>
  openApp({ home: mkdtempSync(join(tmpdir(), 'coverage-home-')), env: { ...process.env, DASHSCOPE_API_KEY: 'sk-test', DASHSCOPE_BASE_URL: emu.baseUrl, ...env }, sleep: fastSleep });

beforeAll(async () => {
  emu = await emulator();
});
afterAll(() => emu.close());

describe('coverage check before a job is done', () => {
  it('records a spoken stretch the result left without captions, and the editor reads the same analysis without decoding again', async () => {
    await emu.script({ urlContains: '' }, [{ text: sentences[0]! }, { text: '' }, { text: sentences[2]! }]);
    const a = app();
    const file = wrap(wav, join(media, 'talk.mp4'), { ext: 'mp4' });
    const end = await a.runner.wait(a.runner.add(file, jobOptionsSchema.parse({ language: 'en' })).id);
    expect(end.stage).toBe('done');
    const cues = a.transcripts.track(end.transcriptId!)!.cues;
    expect(cues.map((c) => c.lines.join(' '))).toEqual([sentences[0], sentences[2]]);
    expect(end.findings).toHaveLength(1);
    const [f] = end.findings!;
    expect(f!.code).toBe('MISSED_SPEECH');
    // The stretch lies between the two captions and covers most of the middle sentence.
    expect(f!.startMs).toBeGreaterThan(cues[0]!.end);
    expect(f!.endMs).toBeLessThan(cues[1]!.start);
    expect(f!.endMs - f!.startMs).toBeGreaterThan(2000);
    expect(end.warnings).toEqual([]);
    // Kept with the job: a reopened library shows it too.
    expect(a.runner.get(end.id)!.findings).toEqual(end.findings);
    expect(describeFinding(f!)).toMatch(/^possible missed speech \d+:\d\d–\d+:\d\d/);
    // The editor's coverage marks come from the cache the job filled: no ffmpeg is needed for them.
    const cache = join(a.home, 'speech');
    expect(readdirSync(cache).filter((n) => n.endsWith('.json'))).toHaveLength(1);
    const again = await speechMap(file, 0, { ffmpeg: '/nonexistent/ffmpeg', ffprobe: '/nonexistent/ffprobe' }, cache);
    expect(again.frameRate).toBe(25);
    expect(again.speech.some(([s, e]) => s <= f!.startMs && e >= f!.endMs - 600)).toBe(true);
    await a.close();
  });

  it('finds nothing when every spoken stretch has a caption', async () => {
    await emu.script({ urlContains: '' }, sentences.map((text) => ({ text })));
    const a = app();
    const end = await a.runner.wait(a.runner.add(wrap(wav, join(media, 'covered.m4a'), { ext: 'm4a' }), jobOptionsSchema.parse({ language: 'en' })).id);
    expect(end.stage).toBe('done');
    expect(a.transcripts.track(end.transcriptId!)!.cues.length).toBeGreaterThanOrEqual(3);
    expect(end.findings).toBeUndefined();
    await a.close();
  });

  it('never fails a job when the speech detection fails: the job is done, without findings', async () => {
    await emu.script({ urlContains: '' }, [{ text: sentences[0]! }, { text: '' }, { text: sentences[2]! }]);
    // Real ffmpeg, except that the silence detection dies.
    const bin = mkdtempSync(join(tmpdir(), 'coverage-bin-'));
    const ffmpeg = join(bin, 'ffmpeg');
    writeFileSync(ffmpeg, `#!/bin/sh\ncase "$*" in *silencedetect*) echo "boom" >&2; exit 1;; esac\nexec "${locateTools().ffmpeg}" "$@"\n`);
    chmodSync(ffmpeg, 0o755);
    const logs: string[] = [];
    const a = openApp({
      home: mkdtempSync(join(tmpdir(), 'coverage-home-')), env: { ...process.env, DASHSCOPE_API_KEY: 'sk-test', DASHSCOPE_BASE_URL: emu.baseUrl, CAPTIONER_FFMPEG: ffmpeg }, sleep: fastSleep, log: (l) => logs.push(l),
    });
    const end = await a.runner.wait(a.runner.add(wrap(wav, join(media, 'broken-check.wav'), { ext: 'wav' }), jobOptionsSchema.parse({ language: 'en' })).id);
    expect(end.stage).toBe('done');
    expect(end.findings).toBeUndefined();
    expect(logs.join('\n')).toMatch(/coverage check skipped \(SPEECH_CHECK_FAILED\)/);
    // The detection's child was registered while it ran and is gone from the registry again.
    expect(a.db.prepare('SELECT COUNT(*) AS n FROM child_processes').get()).toEqual({ n: 0 });
    await a.close();
  });
});

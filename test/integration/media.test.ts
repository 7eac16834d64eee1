import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeWarning } from '../../src-main/core/jobs';
import { checkForService, pickAudioStream, planExtraction } from '../../src-main/core/media';
import { extractAudio, type ExtractProgress } from '../../src-main/node/media/extract';
import { probeMedia } from '../../src-main/node/media/inspect';
import { locateTools } from '../../src-main/node/media/locate';
import { PeakAccumulator, peaksRate, waveformPeaks } from '../../src-main/node/media/peaks';
import { CodedError } from '../../src-main/shared/result';
import { durationOf, speech, silentWav, wrap } from '../helpers/media';

const tools = locateTools();
const dir = mkdtempSync(join(tmpdir(), 'media-'));
const wav = speech(['Testing the extraction of audio.', 'A second sentence follows here.']);

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'no error';
  } catch (e) {
    expect(e).toBeInstanceOf(CodedError);
    expect((e as CodedError).message.length).toBeGreaterThan(20);
    return (e as CodedError).code;
  }
}

describe('ffmpeg location', () => {
  it('says how to install ffmpeg when it cannot be found', () => {
    expect(() => locateTools({ env: { PATH: '/nonexistent' } })).toThrow(/apt-get install ffmpeg/);
    expect(() => locateTools({ env: { PATH: process.env.PATH, CAPTIONER_FFMPEG: '/no/such/ffmpeg' } })).toThrow(/CAPTIONER_FFMPEG/);
  });
});

describe('probing and refusals', () => {
  it('describes every stream, with language tags and the audio start offset', async () => {
    const mkv = join(dir, 'tagged.mkv');
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=160x90:rate=10', '-i', wav, '-i', wav, '-map', '0:v', '-map', '1:a', '-map', '2:a', '-shortest',
      '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'libopus', '-metadata:s:a:0', 'language=eng', '-metadata:s:a:1', 'language=chi', mkv]);
    const info = await probeMedia(mkv, tools);
    expect(info.container).toContain('matroska');
    expect(info.streams.map((s) => [s.type, s.codec, s.language])).toEqual([['video', 'h264', undefined], ['audio', 'opus', 'eng'], ['audio', 'opus', 'chi']]);
    const zh = pickAudioStream(info, { language: 'zh' });
    expect(zh.ok && zh.value.index).toBe(2);
    const second = pickAudioStream(info, { audioIndex: 1 });
    expect(second.ok && second.value.index).toBe(2);
    const none = pickAudioStream(info, { audioIndex: 5 });
    expect(!none.ok && none.error.code).toBe('AUDIO_STREAM_NOT_FOUND');
    const offset = wrap(wav, join(dir, 'offset.mp4'), { ext: 'mp4', audioOffsetMs: 1500 });
    const oi = await probeMedia(offset, tools);
    const a = pickAudioStream(oi);
    expect(a.ok && planExtraction(oi, a.value).offsetMs).toBeGreaterThanOrEqual(1400);
  });

  it('refuses, before any upload, each kind of input the service cannot take', async () => {
    const videoOnly = join(dir, 'video-only.mp4');
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=160x90:rate=10', '-t', '1', '-c:v', 'libx264', '-preset', 'ultrafast', videoOnly]);
    const noAudio = await probeMedia(videoOnly, tools);
    expect(pickAudioStream(noAudio).ok || 'NO_AUDIO_STREAM').toBe('NO_AUDIO_STREAM');

    const empty = join(dir, 'zero.wav');
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'anullsrc=r=16000:cl=mono', '-t', '0', empty]);
    const zero = await probeMedia(empty, tools).then((i) => checkForService(i));
    expect(!zero.ok && zero.error.code).toBe('UNKNOWN_DURATION');

    const long = await probeMedia(silentWav(join(dir, 'thirteen hours.wav'), 13 * 3600), tools);
    const tooLong = checkForService(long);
    expect(!tooLong.ok && tooLong.error.code).toBe('TOO_LONG');
    expect(!tooLong.ok && tooLong.error.message).toMatch(/13\.0 h.*at most 12 h/);
    expect(!tooLong.ok && tooLong.error.detail).toEqual({ file: long.path, hours: '13.0', limitHours: 12 });

    rmSync(join(dir, 'thirteen hours.wav'));
    const twoAndHalf = await probeMedia(silentWav(join(dir, 'long meeting.wav'), 2.5 * 3600), tools);
    const warn = checkForService(twoAndHalf, { diarize: true });
    expect(warn.ok && warn.value.warnings).toEqual([{ code: 'DIARIZATION_LONG', params: { file: twoAndHalf.path, hours: 2 } }]);
    expect(warn.ok && describeWarning(warn.value.warnings[0]!)).toMatch(/long meeting\.wav is longer than 2 h; the service recommends speaker diarization only up to 2 h/);
    expect(checkForService(twoAndHalf, { diarize: false })).toEqual({ ok: true, value: { warnings: [] } });

    const corrupt = join(dir, 'corrupt.mp4');
    writeFileSync(corrupt, Buffer.from('this is not a video at all, just text pretending to be one'.repeat(20)));
    expect(await codeOf(probeMedia(corrupt, tools))).toBe('UNREADABLE_MEDIA');
    const truncated = join(dir, 'truncated.mp4');
    const good = wrap(wav, join(dir, 'good.mp4'), { ext: 'mp4' });
    writeFileSync(truncated, Buffer.from(execFileSync('head', ['-c', '2000', good])));
    expect(await codeOf(probeMedia(truncated, tools))).toBe('UNREADABLE_MEDIA');
    expect(await codeOf(probeMedia(dir, tools))).toBe('NOT_A_FILE');
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    expect(await codeOf(probeMedia(fifo, tools))).toBe('NOT_A_FILE');
    expect(await codeOf(probeMedia(join(dir, 'missing.mp4'), tools))).toBe('FILE_NOT_FOUND');
    const emptyFile = join(dir, 'empty.mp3');
    writeFileSync(emptyFile, '');
    expect(await codeOf(probeMedia(emptyFile, tools))).toBe('EMPTY_FILE');
  });
});

describe('waveform peaks', () => {
  it('are computed once by ffmpeg, show speech louder than silence, and come from the cache after', async () => {
    const src = wrap(wav, join(dir, 'peaks.mp4'), { ext: 'mp4' });
    const info = await probeMedia(src, tools);
    const cache = join(dir, 'peaks-cache');
    const [a, b] = await Promise.all([waveformPeaks(src, info.durationMs, tools, cache), waveformPeaks(src, info.durationMs, tools, cache)]);
    expect(a).toBe(b); // one computation shared by concurrent callers
    expect(a.perSecond).toBe(peaksRate(info.durationMs));
    expect(Math.abs(a.data.length / 2 - (info.durationMs / 1000) * a.perSecond)).toBeLessThan(a.perSecond);
    const level = (fromMs: number, toMs: number): number => {
      let max = 0;
      for (let i = Math.floor((fromMs / 1000) * a.perSecond); i < (toMs / 1000) * a.perSecond; i++) max = Math.max(max, Math.abs(a.data[2 * i] ?? 0), Math.abs(a.data[2 * i + 1] ?? 0));
      return max;
    };
    expect(level(0, 400)).toBeLessThan(3); // the silent lead-in
    expect(level(600, 2000)).toBeGreaterThan(20); // speech
    expect(readdirSync(cache).filter((f) => f.endsWith('.peaks'))).toHaveLength(1);
    const again = await waveformPeaks(src, info.durationMs, tools, cache);
    expect(again).not.toBe(a);
    expect([...again.data]).toEqual([...a.data]);
    expect(peaksRate(12 * 3600_000)).toBe(9); // 12 h stays under ~400k pairs
  });

  it('match the 16-bit min/max of every window to the kept precision, whatever the chunking', async () => {
    const src = wrap(wav, join(dir, 'peaks-ref.mkv'), { ext: 'mkv' });
    const info = await probeMedia(src, tools);
    const got = await waveformPeaks(src, info.durationMs, tools, join(dir, 'peaks-ref-cache'));
    // Reference: the same decode as 16-bit samples, min/max per window, top byte kept.
    const pcm = execFileSync(tools.ffmpeg, ['-v', 'error', '-nostdin', '-i', src, '-map', '0:a:0', '-vn', '-ac', '1', '-ar', '8000', '-f', 's16le', '-acodec', 'pcm_s16le', '-'], { maxBuffer: 1 << 28 });
    const window = Math.round(8000 / got.perSecond);
    const ref: number[] = [];
    for (let at = 0; at < pcm.length; at += window * 2) {
      let min = 0;
      let max = 0;
      for (let i = at; i < Math.min(pcm.length, at + window * 2); i += 2) {
        const v = pcm.readInt16LE(i);
        if (v < min) min = v;
        if (v > max) max = v;
      }
      ref.push(min >> 8, max >> 8);
    }
    // ffmpeg rounds to 8 bits where the 16-bit top byte floors: equal within one step.
    expect(got.data.length).toBe(ref.length);
    expect(ref.filter((v) => Math.abs(v) > 20).length).toBeGreaterThan(100); // real signal, not silence
    expect(got.data.every((v, i) => Math.abs(v - (ref[i] as number)) <= 1)).toBe(true);
    // Any chunking gives the same pairs: windows straddle chunk boundaries.
    const u8 = execFileSync(tools.ffmpeg, ['-v', 'error', '-nostdin', '-i', src, '-map', '0:a:0', '-vn', '-ac', '1', '-ar', '8000', '-f', 'u8', '-acodec', 'pcm_u8', '-'], { maxBuffer: 1 << 28 });
    for (const size of [1, 7, window, window + 1, 65_536]) {
      const acc = new PeakAccumulator(window, 1);
      for (let i = 0; i < u8.length; i += size) acc.push(u8.subarray(i, i + size));
      expect([...acc.finish()], `chunks of ${size}`).toEqual([...got.data]);
    }
  });
});

describe('extraction', () => {
  it('makes 16 kHz mono Opus with progress, and honours the audio offset plan', async () => {
    const src = wrap(wav, join(dir, 'talk “quoted” 讲座.mkv'), { ext: 'mkv', stereo: 'right' });
    const info = await probeMedia(src, tools);
    const stream = pickAudioStream(info);
    if (!stream.ok) throw new Error('no stream');
    const plan = planExtraction(info, stream.value);
    expect(plan.mode).toBe('opus'); // stereo must be downmixed, or channel 0 (silent here) would be all the service hears
    const events: ExtractProgress[] = [];
    const out = await extractAudio({ input: src, output: join(dir, 'out.ogg'), plan, durationMs: info.durationMs, tools, onProgress: (p) => events.push(p) });
    const probe = await probeMedia(out.path, tools);
    expect(probe.streams).toEqual([expect.objectContaining({ type: 'audio', codec: 'opus', channels: 1 })]);
    expect(Math.abs(durationOf(out.path) - info.durationMs)).toBeLessThan(300); // Opus pre-skip and padding
    expect(events.at(-1)).toEqual({ percent: 100, etaSeconds: 0 });
  });

  it('copies a mono stream the service accepts instead of re-encoding it', async () => {
    const src = wrap(wav, join(dir, 'mono.m4a'), { ext: 'm4a' });
    const info = await probeMedia(src, tools);
    const s = pickAudioStream(info);
    if (!s.ok) throw new Error('no stream');
    const plan = planExtraction(info, s.value);
    expect([plan.mode, plan.ext]).toEqual(['copy', 'm4a']);
    const out = await extractAudio({ input: src, output: join(dir, 'copy.m4a'), plan, durationMs: info.durationMs, tools });
    expect((await probeMedia(out.path, tools)).streams[0]?.codec).toBe('aac');
  });

  it('keeps channels when asked', async () => {
    const src = wrap(wav, join(dir, 'stereo.mp4'), { ext: 'mp4', stereo: 'both' });
    const info = await probeMedia(src, tools);
    const s = pickAudioStream(info);
    if (!s.ok) throw new Error('no stream');
    const plan = planExtraction(info, s.value, { keepChannels: true });
    expect([plan.keepChannels, plan.channels]).toEqual([true, 2]);
  });

  it('leaves no file behind when canceled or when the input vanished', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'extract-out-'));
    const src = wrap(wav, join(dir, 'cancel.mkv'), { ext: 'mkv' });
    const info = await probeMedia(src, tools);
    const s = pickAudioStream(info);
    if (!s.ok) throw new Error('no stream');
    const plan = { ...planExtraction(info, s.value), mode: 'opus' as const, ext: 'ogg' as const };
    const ac = new AbortController();
    const p = extractAudio({ input: src, output: join(outDir, 'x.ogg'), plan, durationMs: info.durationMs, tools, signal: ac.signal });
    ac.abort();
    expect(await codeOf(p)).toBe('CANCELED');
    rmSync(src);
    expect(await codeOf(extractAudio({ input: src, output: join(outDir, 'y.ogg'), plan, durationMs: info.durationMs, tools }))).toBe('FILE_NOT_FOUND');
    expect(readdirSync(outDir)).toEqual([]);
  });
});

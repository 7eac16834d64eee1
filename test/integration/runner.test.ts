import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type App } from '../../src-main/node/app';
import { locateTools } from '../../src-main/node/media/locate';
import { jobOptionsSchema, type JobOptions, type JobView } from '../../src-main/shared/jobs';
import i18next from 'i18next';
import { describeWarning } from '../../src-main/core/jobs';
import { addFormatters, codeText, type CodeParams, type CodeTable } from '../../src-renderer/app/codes';
import { zhCN } from '../../src-renderer/locales/zh-CN';
import { emulator } from '../helpers/emulator';
import { speech, wrap } from '../helpers/media';

type Emu = Awaited<ReturnType<typeof emulator>>;
let emu: Emu;
const media = mkdtempSync(join(tmpdir(), 'runner-media-'));
const sentences = ['Jobs survive crashes in this test.', 'Every stage is committed first.'];
const wav = speech(sentences);
const fastSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.min(ms, 100)));

function app(home: string, extra: { publicBaseUrl?: string; env?: Record<string, string> } = {}): App {
  return openApp({ home, env: { ...process.env, DASHSCOPE_API_KEY: 'sk-test', DASHSCOPE_BASE_URL: emu.baseUrl, ...extra.env }, sleep: fastSleep, ...(extra.publicBaseUrl ? { publicBaseUrl: extra.publicBaseUrl } : {}) });
}
const opts = (o: Partial<JobOptions> = {}): JobOptions => jobOptionsSchema.parse(o);
const newHome = () => mkdtempSync(join(tmpdir(), 'runner-home-'));

async function until(a: App, id: string, pred: (v: JobView) => boolean, ms = 20_000): Promise<JobView> {
  const end = Date.now() + ms;
  for (;;) {
    const v = a.runner.get(id) as JobView;
    if (pred(v)) return v;
    if (Date.now() > end) throw new Error(`timed out in stage ${v.stage}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** How the app's Queue words a code in Chinese (src-renderer/app/codes.ts with the real locale tables). */
const zhT = (async () => {
  const i18n = i18next.createInstance();
  await i18n.init({ resources: { 'zh-CN': { translation: zhCN } }, lng: 'zh-CN', interpolation: { escapeValue: false }, showSupportNotice: false });
  addFormatters(i18n);
  return i18n.t;
})();
const zh = async (table: CodeTable, code: string, message: string, params?: CodeParams): Promise<string> => codeText(await zhT, table, code, message, params);

beforeAll(async () => {
  emu = await emulator();
  await emu.script({ urlContains: '' }, sentences.map((text) => ({ text })));
});
afterAll(() => emu.close());

describe('job runner', () => {
  it('probes and extracts a batch through a pool sized to the cores, never one child per file', async () => {
    // Real ffprobe/ffmpeg behind wrappers that log when each media child starts and ends.
    const bin = mkdtempSync(join(tmpdir(), 'runner-bin-'));
    const log = join(bin, 'children.log');
    const real = locateTools();
    const wrapper = (name: 'ffmpeg' | 'ffprobe'): string => {
      const path = join(bin, name);
      // fluent-ffmpeg's one-off capability queries (-formats, -encoders…) are not media work.
      writeFileSync(path, `#!/bin/sh\ncase "$1" in -formats|-encoders|-codecs|-filters) exec "${real[name]}" "$@";; esac\necho "+ $*" >> "${log}"\n"${real[name]}" "$@"\nrc=$?\necho "-" >> "${log}"\nexit $rc\n`);
      chmodSync(path, 0o755);
      return path;
    };
    const a = app(newHome(), { env: { CAPTIONER_FFMPEG: wrapper('ffmpeg'), CAPTIONER_FFPROBE: wrapper('ffprobe') } });
    const files = Array.from({ length: 10 }, (_, k) => wrap(wav, join(media, `pool-${k}.mkv`), { ext: 'mkv' }));
    const jobs = files.map((f) => a.runner.add(f, opts()));
    const ends = await Promise.all(jobs.map((j) => a.runner.wait(j.id)));
    expect(ends.map((e) => e.stage)).toEqual(files.map(() => 'done'));
    let running = 0;
    let peak = 0;
    const events = readFileSync(log, 'utf8').trim().split('\n');
    for (const e of events) peak = Math.max(peak, (running += e.startsWith('+') ? 1 : -1));
    expect(events.filter((e) => e.startsWith('+')).length).toBeGreaterThanOrEqual(20); // a probe and an extraction per file
    expect(peak, events.join('\n')).toBeLessThanOrEqual(availableParallelism());
    await a.close();
  });

  it('runs a job to a stored transcript, shifts times by the audio offset and cleans up', async () => {
    const a = app(newHome());
    const file = wrap(wav, join(media, 'offset.mp4'), { ext: 'mp4', audioOffsetMs: 1500 });
    const job = a.runner.add(file, opts({ language: 'en' }));
    const end = await a.runner.wait(job.id);
    expect(end.stage).toBe('done');
    expect(end.estimate?.currency).toBe('CNY');
    expect(end.billedSeconds).toBeGreaterThan(0);
    const track = a.transcripts.track(end.transcriptId!)!;
    expect(track.cues.map((c) => c.lines.join(' '))).toEqual(sentences);
    // Speech starts 0.5 s into the audio, which starts 1.5 s into the video.
    expect(Math.abs(track.cues[0]!.start - 2000)).toBeLessThan(200);
    expect(a.transcripts.rawJson(end.transcriptId!)).toContain('"transcripts"');
    expect(readdirSync(join(a.home, 'audio'))).toEqual([]); // extracted audio deleted
    const row = a.jobs.get(job.id)!;
    const hosted = a.db.prepare('SELECT revoked_at FROM hosted_files WHERE job_id = ?').all(job.id) as { revoked_at: number | null }[];
    expect(hosted.every((h) => h.revoked_at !== null)).toBe(true); // signed URL revoked when the job ended
    expect(row.task_id).toBeTruthy();
    await a.close();
  });

  it('resumes after a stop in the middle of transcription without a second submit', async () => {
    const slow = await emulator({ queueDelayMs: 1500 });
    await slow.script({ urlContains: '' }, sentences.map((text) => ({ text })));
    const home = newHome();
    const env = { DASHSCOPE_BASE_URL: slow.baseUrl };
    const a1 = app(home, { env });
    const job = a1.runner.add(wrap(wav, join(media, 'resume.mkv'), { ext: 'mkv' }), opts());
    await until(a1, job.id, (v) => v.stage === 'transcribing');
    await a1.close();
    expect(slow.stats.submits).toBe(1);
    const a2 = app(home, { env });
    const resumed = await a2.runner.resumeAll();
    expect(resumed.map((j) => [j.id, j.stage])).toEqual([[job.id, 'transcribing']]);
    const end = await a2.runner.wait(job.id);
    expect([end.stage, end.error]).toEqual(['done', undefined]);
    expect(slow.stats.submits).toBe(1);
    expect(slow.stats.downloads).toBe(1);
    await a2.close();
    await slow.close();
  });

  it('cancels a job whose task is still queued at the service, remotely too', async () => {
    const slow = await emulator({ queueDelayMs: 10_000 });
    const a = app(newHome(), { env: { DASHSCOPE_BASE_URL: slow.baseUrl } });
    const job = a.runner.add(wrap(wav, join(media, 'cancel.mp3'), { ext: 'mp3' }), opts());
    await until(a, job.id, (v) => v.stage === 'transcribing');
    const v = await a.runner.cancel(job.id);
    expect(v.stage).toBe('canceled');
    expect(slow.stats.cancels).toBe(1);
    await a.close();
    await slow.close();
  });

  it('fails a job whose audio the service cannot download, says why, and retries from the failed stage', async () => {
    const a = app(newHome(), { publicBaseUrl: 'http://127.0.0.1:9' });
    const job = a.runner.add(wrap(wav, join(media, 'unreachable.wav'), { ext: 'wav' }), opts({ delivery: 'signed-url' }));
    const end = await a.runner.wait(job.id);
    expect([end.stage, end.failedStage, end.error?.code]).toEqual(['failed', 'transcribing', 'SERVICE_INVALID_FILE']);
    expect(end.error?.message).toMatch(/InvalidFile\.DownloadFailed.*public base URL/);
    // The case and its facts cross to the UI, which words them in the person's language.
    expect(end.error?.params).toEqual({ reason: 'DOWNLOAD_UNREACHABLE', baseUrl: 'http://127.0.0.1:9', taskId: end.taskId, serviceCode: 'InvalidFile.DownloadFailed', serviceMessage: expect.any(String) });
    expect(await zh('joberr', end.error!.code, end.error!.message, end.error!.params)).toBe(
      '服务始终没能访问本机获取音频（http://127.0.0.1:9；未计费）。请设置能转发到本机的公网访问地址（隧道、反向代理或端口转发），或改用“临时上传”，然后重试。',
    );
    expect(a.jobs.get(job.id)?.audio_path && existsSync(a.jobs.get(job.id)!.audio_path!)).toBe(true); // kept for the retry
    await a.close();
    // Same library, now reachable: the retry re-delivers the kept audio and submits again, no new probe.
    const b = app(a.home);
    expect(b.runner.get(job.id)?.error).toEqual(end.error); // kept in SQLite
    expect(b.runner.retry(job.id).error).toBeUndefined();
    expect(b.jobs.get(job.id)?.error_params_json).toBeNull();
    const again = await b.runner.wait(job.id);
    expect(again.stage).toBe('done');
    expect((b.db.prepare('SELECT count(*) AS n FROM media').get() as { n: number }).n).toBe(1);
    await b.close();
  });

  it('looks for the task after a submit answered with server errors, and submits anew only when there is none', async () => {
    const a = app(newHome());
    const before = { submits: emu.stats.submits, lists: emu.stats.listCalls };
    await emu.fault({ path: 'transcription$', kind: 'status', status: 500, count: 3 });
    const job = a.runner.add(wrap(wav, join(media, 'flaky.wav'), { ext: 'wav' }), opts());
    const end = await a.runner.wait(job.id);
    expect([end.stage, end.error]).toEqual(['done', undefined]);
    // Each 500 was followed by a look at the task list before the next attempt.
    expect(emu.stats.listCalls - before.lists).toBeGreaterThanOrEqual(3);
    expect(emu.stats.submits - before.submits).toBe(1);
    expect(a.jobs.get(job.id)?.submit_attempts).toBe(4);
    await a.close();
  });

  it('retries a job that failed while polling by polling its task again, not by submitting', async () => {
    const a = app(newHome());
    const before = emu.stats.submits;
    // A refusal no wait can fix (the key was rejected) fails the job; its task lives on at the service.
    await emu.fault({ path: '^/api/v1/tasks/', kind: 'status', status: 401, count: 1 });
    const job = a.runner.add(wrap(wav, join(media, 'poll-fail.wav'), { ext: 'wav' }), opts());
    const failed = await a.runner.wait(job.id);
    expect([failed.stage, failed.failedStage, failed.error?.code]).toEqual(['failed', 'transcribing', 'SERVICE_AUTH']);
    a.runner.retry(job.id);
    const done = await a.runner.wait(job.id);
    expect([done.stage, done.taskId]).toEqual(['done', failed.taskId]);
    expect(emu.stats.submits - before).toBe(1);
    await a.close();
  });

  it('turns "no speech" into an empty transcript with a warning', async () => {
    const a = app(newHome());
    const silent = join(media, 'silence.wav');
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'anullsrc=r=16000:cl=mono', '-t', '3', silent]);
    const end = await a.runner.wait(a.runner.add(silent, opts()).id);
    expect(end.stage).toBe('done');
    expect(end.warnings).toEqual([{ code: 'NO_SPEECH' }]);
    expect(a.runner.list().find((j) => j.id === end.id)?.warnings).toEqual([{ code: 'NO_SPEECH' }]);
    expect(await zh('jobwarn', 'NO_SPEECH', 'NO_SPEECH')).toBe('服务在此文件中没有识别到语音；字幕为空。');
    expect(describeWarning(end.warnings[0]!)).toBe('The service found no speech in this file; the transcript is empty.');
    expect(a.transcripts.track(end.transcriptId!)?.cues).toEqual([]);
    await a.close();
  });

  it('delivers by temporary upload when asked', async () => {
    const a = app(newHome());
    const before = emu.stats.uploads;
    const end = await a.runner.wait(a.runner.add(wrap(wav, join(media, 'upload me.m4a'), { ext: 'm4a' }), opts({ delivery: 'upload' })).id);
    expect(end.stage).toBe('done');
    expect(emu.stats.uploads).toBe(before + 1);
    expect(emu.submissions.at(-1)?.fileUrls[0]).toMatch(/^oss:\/\//);
    await a.close();
  });

  it('keeps channels when asked: speech only on the right is found on channel 1', async () => {
    const a = app(newHome());
    const file = wrap(wav, join(media, 'right.mp4'), { ext: 'mp4', stereo: 'right' });
    const kept = await a.runner.wait(a.runner.add(file, opts({ channels: 'keep' })).id);
    expect(emu.submissions.at(-1)?.parameters).toEqual({ channel_id: [0, 1] });
    expect(kept.stage).toBe('done');
    const downmixed = await a.runner.wait(a.runner.add(file, opts()).id);
    expect(emu.submissions.at(-1)?.parameters).toEqual({});
    expect(a.transcripts.track(downmixed.transcriptId!)?.cues.length).toBe(2);
    await a.close();
  });

  it('refuses a remote service with signed-url delivery and no public base URL, before extracting', async () => {
    const a = app(newHome(), { env: { DASHSCOPE_BASE_URL: 'https://dashscope.aliyuncs.com/api/v1' } });
    const end = await a.runner.wait(a.runner.add(wrap(wav, join(media, 'remote.wav'), { ext: 'wav' }), opts({ delivery: 'signed-url' })).id);
    expect([end.stage, end.error?.code]).toEqual(['failed', 'DELIVERY_UNREACHABLE']);
    expect(end.error?.message).toMatch(/public base URL/);
    await a.close();
  });
});

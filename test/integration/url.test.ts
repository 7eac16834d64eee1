import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, writeFileSync, readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeWarning } from '../../src-main/core/jobs';
import { openApp, type App } from '../../src-main/node/app';
import { createApi } from '../../src-main/node/api';
import { addJobs } from '../../src-main/node/jobs/add';
import { LINK_PROBE_SLOTS } from '../../src-main/node/jobs/pools';
import { waveformPeaks } from '../../src-main/node/media/peaks';
import { locateYtDlp } from '../../src-main/node/media/ytdlp';
import { jobOptionsSchema, type JobOptions } from '../../src-main/shared/jobs';
import { emulator } from '../helpers/emulator';
import { startInternet, type Internet } from '../helpers/internet';
import { startFaultProxy } from '../helpers/fault-proxy';
import { silentWav, speech, wrap } from '../helpers/media';

/**
 * Public URLs as input (issue 14), against a loopback "internet", the emulator (which really
 * downloads what it is given) and real ffmpeg. Figures: downloads per URL, submits, billed tasks.
 */
type Emu = Awaited<ReturnType<typeof emulator>>;
let emu: Emu;
let net: Internet;
const dir = mkdtempSync(join(tmpdir(), 'url-media-'));
const sentences = ['Links are captioned where they live.', 'Nothing is fetched twice.'];
const wav = speech(sentences);
const fastSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.min(ms, 100)));
const opts = (o: Partial<JobOptions> = {}): JobOptions => jobOptionsSchema.parse({ language: 'en', ...o });
const open: App[] = [];

function app(env: Record<string, string> = {}): App {
  const a = openApp({
    home: mkdtempSync(join(tmpdir(), 'url-home-')),
    env: { PATH: process.env.PATH ?? '', DASHSCOPE_API_KEY: 'sk-test', DASHSCOPE_BASE_URL: emu.baseUrl, CAPTIONER_URL_TIMEOUT_MS: '3000', ...env },
    sleep: fastSleep,
  });
  open.push(a);
  return a;
}
const which = (name: string): string => execFileSync('sh', ['-c', `command -v ${name}`]).toString().trim();
const TOOLS = { CAPTIONER_FFMPEG: which('ffmpeg'), CAPTIONER_FFPROBE: which('ffprobe') };
const hostedRows = (a: App): number => (a.db.prepare('SELECT COUNT(*) AS n FROM hosted_files').get() as { n: number }).n;
const downloads = (url: string): number => emu.stats.downloadsByUrl[url] ?? 0;

beforeAll(async () => {
  emu = await emulator();
  await emu.script({ urlContains: '' }, sentences.map((text) => ({ text })));
  net = await startInternet();
  net.put('talk.mp4', wrap(wav, join(dir, 'talk.mp4'), { ext: 'mp4' }));
  net.put('talk-again.mp4', wrap(wav, join(dir, 'talk-again.mp4'), { ext: 'mp4' }));
  net.put('offset.mp4', wrap(wav, join(dir, 'offset.mp4'), { ext: 'mp4', audioOffsetMs: 1500 }));
  net.put('api.mp4', wrap(wav, join(dir, 'api.mp4'), { ext: 'mp4' }));
  net.put('region.m4a', wrap(wav, join(dir, 'region.m4a'), { ext: 'm4a' }));
  net.put('signed.mp3', wrap(wav, join(dir, 'signed.mp3'), { ext: 'mp3' }));
  net.put('page-media.mp4', wrap(wav, join(dir, 'page-media.mp4'), { ext: 'mp4' }));
  // Two audio streams (a dub): the service would take the first, so Captioner sends the one asked for.
  const dual = join(dir, 'dual.mkv');
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', wav, '-f', 'lavfi', '-i', 'anullsrc=r=16000:cl=mono', '-map', '1:a', '-map', '0:a', '-shortest', '-c:a', 'libopus', dual]);
  net.put('dual.mkv', dual);
  // A silent video, and a 13 h recording (1 kHz 8-bit: 47 MB, of which ffprobe reads the header).
  const mute = join(dir, 'mute.mp4');
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=160x90:rate=10', '-t', '3', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', mute]);
  net.put('mute.mp4', mute);
  net.put('thirteen-hours.wav', silentWav(join(dir, 'thirteen-hours.wav'), 13 * 3600));
}, 120_000);
afterAll(async () => {
  const links = net.hits.filter((h) => /node/i.test(h.userAgent)).length;
  console.log('url figures:', JSON.stringify({ submits: emu.stats.submits, billedTasks: emu.stats.succeededTasks, serviceRequestsToLinks: links, linksDownloaded: Object.fromEntries(Object.entries(emu.stats.downloadsByUrl).filter(([u]) => !/[?&]sig=/.test(u)).map(([u, n]) => [new URL(u).pathname, n])), signedUrlDownloads: Object.entries(emu.stats.downloadsByUrl).filter(([u]) => /[?&]sig=/.test(u)).map(([, n]) => n) }));
  for (const a of open) await a.close();
  await net.close();
  await emu.close();
});

describe('a link the service can read as it is', () => {
  it('is submitted directly: no extraction, no hosting, no local audio; the service downloads it once', async () => {
    const a = app();
    const url = `${net.url}/files/talk.mp4`;
    const submitsBefore = emu.stats.submits;
    const { jobs } = await addJobs(a, [url], opts(), false);
    const end = await a.runner.wait(jobs[0]!.id);
    expect(end.error).toBeUndefined();
    expect(end.stage).toBe('done');
    expect(end.title).toBe('talk.mp4');
    expect(end.estimate?.amount).toBeGreaterThan(0); // the probe knew the duration before submitting
    expect(emu.stats.submits - submitsBefore).toBe(1);
    expect(emu.submissions.at(-1)?.fileUrls).toEqual([url]); // the link itself
    expect(downloads(url)).toBe(1);
    expect(hostedRows(a)).toBe(0); // nothing hosted
    expect(readdirSync(join(a.home, 'audio'))).toEqual([]); // no audio file here, ever
    const row = a.jobs.get(end.id)!;
    expect([row.audio_path, row.hosted_file_id, row.file_url]).toEqual([null, null, url]);
    // Captioner itself only probed (ranged reads); the one whole-file GET is the service's.
    const whole = net.hits.filter((h) => h.path === '/files/talk.mp4' && !h.range && h.status === 200);
    expect(whole.map((h) => /node/i.test(h.userAgent))).toEqual([true]);
    const meta = a.transcripts.meta(end.transcriptId!)!;
    expect(meta.sourcePath).toBe(url); // the library keeps the link as the source
    expect(a.transcripts.track(end.transcriptId!)!.cues.map((c) => c.lines.join(' '))).toEqual(sentences);

    // The same link and options again: the finished transcript is offered, nothing is submitted or fetched.
    const again = await addJobs(a, [url], opts(), false);
    expect(again.jobs).toEqual([]);
    expect(again.existing.map((e) => e.transcriptId)).toEqual([end.transcriptId]);
    expect(emu.stats.submits - submitsBefore).toBe(1);
    expect(downloads(url)).toBe(1);
  }, 60_000);

  it('follows redirects to the file, and submits the link as given', async () => {
    const a = app();
    const url = `${net.url}/redirect/2/talk-again.mp4`;
    const { jobs } = await addJobs(a, [url], opts(), false);
    const end = await a.runner.wait(jobs[0]!.id);
    expect(end.stage).toBe('done');
    expect(emu.submissions.at(-1)?.fileUrls).toEqual([url]);
    expect(downloads(url)).toBe(1);
    expect(hostedRows(a)).toBe(0);
  }, 60_000);
});

describe('a link that must go through Captioner', () => {
  it('an audio start offset: extracted from the link, delivered by signed URL, times shifted, and it says why', async () => {
    const a = app();
    const url = `${net.url}/files/offset.mp4`;
    const { jobs } = await addJobs(a, [url], opts(), false);
    const end = await a.runner.wait(jobs[0]!.id);
    expect(end.stage).toBe('done');
    expect(end.warnings).toEqual([{ code: 'URL_EXTRACTED', params: { reason: 'OFFSET', seconds: expect.stringMatching(/^1\.\d\d$/) } }]);
    expect(describeWarning(end.warnings[0]!)).toMatch(/extracts the audio from the link.*starts 1\.\d\d s into the video/);
    const sent = emu.submissions.at(-1)!.fileUrls[0]!;
    expect(sent).not.toBe(url);
    expect(sent).toContain(String((await a.hosting()).baseUrl));
    expect(downloads(url)).toBe(0); // the service never touched the link
    const track = a.transcripts.track(end.transcriptId!)!;
    expect(Math.abs(track.cues[0]!.start - 2000)).toBeLessThan(250);
    expect(readdirSync(join(a.home, 'audio'))).toEqual([]); // extracted audio removed when done
  }, 60_000);

  it('two audio streams: the chosen one is extracted (the service would take the first)', async () => {
    const a = app();
    const url = `${net.url}/files/dual.mkv`;
    const { jobs } = await addJobs(a, [url], opts({ audioIndex: 1 }), false);
    const end = await a.runner.wait(jobs[0]!.id);
    expect(end.stage).toBe('done');
    expect(end.warnings).toEqual([{ code: 'URL_EXTRACTED', params: { reason: 'STREAMS', streams: 2, stream: 1 } }]);
    expect(describeWarning(end.warnings[0]!)).toMatch(/2 audio streams.*sends stream 1 only/);
    expect(downloads(url)).toBe(0);
    expect(a.transcripts.track(end.transcriptId!)!.cues.map((c) => c.lines.join(' '))).toEqual(sentences);
  }, 60_000);
});

describe('links that cannot be read are refused with the reason, before anything is submitted', () => {
  let tls: { url: string; close: () => void };
  beforeAll(async () => {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
    const server = createHttpsServer({ key: readFileSync(key), cert: readFileSync(cert) }, (_req, res) => res.end('x'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    tls = { url: `https://127.0.0.1:${(server.address() as AddressInfo).port}/talk.mp4`, close: () => server.close() };
  });
  afterAll(() => tls.close());

  const cases: [string, () => string, string, RegExp][] = [
    ['not found (404)', () => `${net.url}/missing/talk.mp4`, 'URL_NOT_FOUND', /was not found \(HTTP 404/],
    ['not public (403)', () => `${net.url}/private/talk.mp4?X-Amz-Signature=secret`, 'URL_FORBIDDEN', /is not public \(HTTP 403/],
    ['a redirect loop', () => `${net.url}/loop/a`, 'URL_REDIRECT_LOOP', /redirects in a loop/],
    ['not media', () => `${net.url}/text/notes.mp4`, 'URL_NOT_MEDIA', /is not a media file/],
    ['a slow server', () => `${net.url}/slow/talk.mp4`, 'URL_TIMEOUT', /did not answer in time \(no answer within 3 s\)/],
    ['an invalid certificate (TLS)', () => tls.url, 'URL_TLS', /no valid secure \(TLS\) connection/],
    ['a web page without yt-dlp', () => `${net.url}/page/talk.mp4`, 'YTDLP_MISSING', /yt-dlp was not found.*Install it/],
    ['no audio (known before submitting)', () => `${net.url}/files/mute.mp4`, 'NO_AUDIO_STREAM', /mute\.mp4 has no audio stream/],
    ['longer than 12 h (known before submitting)', () => `${net.url}/files/thirteen-hours.wav`, 'TOO_LONG', /lasts 13\.0 h; Fun-ASR accepts at most 12 h/],
  ];
  for (const [name, url, code, message] of cases) {
    it(name, async () => {
      const a = app({ PATH: '/nonexistent', ...TOOLS }); // ffmpeg named, yt-dlp nowhere
      const submits = emu.stats.submits;
      const { jobs } = await addJobs(a, [url()], opts(), false);
      const end = await a.runner.wait(jobs[0]!.id);
      expect(end.stage).toBe('failed');
      expect(end.error?.code).toBe(code);
      expect(end.error?.message).toMatch(message);
      expect(end.error?.message).not.toContain('secret'); // a signature in the query is not repeated
      expect(JSON.stringify(end.error?.params ?? {})).not.toContain('secret');
      expect(emu.stats.submits).toBe(submits);
      expect(downloads(url())).toBe(0);
    }, 30_000);
  }

  it('--force submits a link that cannot be checked; the service cannot fetch it either, and the error says so', async () => {
    const a = app();
    const url = `${net.url}/private/forced.mp4`;
    const { jobs } = await addJobs(a, [url], opts({ force: true }), false);
    const end = await a.runner.wait(jobs[0]!.id);
    expect(end.stage).toBe('failed');
    expect(end.error?.code).toBe('URL_DOWNLOAD_FAILED');
    expect(end.warnings).toEqual([{ code: 'SUBMITTED_UNCHECKED', params: { check: 'URL_FORBIDDEN', url, detail: expect.stringMatching(/^HTTP 403/) } }]);
    expect(describeWarning(end.warnings[0]!)).toMatch(/^Submitted without checking, as you asked: .*forced\.mp4 is not public \(HTTP 403.*12 h limit was not checked\.$/);
    expect(end.error?.params).toMatchObject({ url, serviceCode: 'InvalidFile.DownloadFailed', job: end.id.slice(0, 8) });
    expect(downloads(url)).toBe(1);
  }, 30_000);
});

describe('many links at once', () => {
  it('are checked four at a time: twelve links to a site that never answers hold four requests there, never twelve', async () => {
    // Each check waits out its 1 s timeout, so the checks come in waves a second apart.
    const a = app({ CAPTIONER_URL_TIMEOUT_MS: '1000' });
    const submits = emu.stats.submits;
    const links = Array.from({ length: 12 }, (_, i) => `${net.url}/slow/lecture-${i + 1}.mp4`);
    const { jobs } = await addJobs(a, links, opts(), false);
    const ends = await Promise.all(jobs.map((j) => a.runner.wait(j.id)));
    expect(ends.map((e) => e.error?.code)).toEqual(links.map(() => 'URL_TIMEOUT'));
    const arrivals = net.hits.filter((h) => h.path.startsWith('/slow/lecture-')).map((h) => h.at);
    expect(arrivals).toHaveLength(12);
    const mostWithinHalfASecond = Math.max(...arrivals.map((t) => arrivals.filter((u) => u >= t && u < t + 500).length));
    expect(mostWithinHalfASecond).toBe(LINK_PROBE_SLOTS);
    expect(emu.stats.submits).toBe(submits);
  }, 60_000);
});

describe('the service cannot fetch the link', () => {
  it('a signed link that expires before the service downloads it: DownloadFailed explained, nothing billed', async () => {
    const slow = await emulator({ queueDelayMs: 2500 });
    await slow.script({ urlContains: '' }, sentences.map((text) => ({ text })));
    try {
      const a = openApp({ home: mkdtempSync(join(tmpdir(), 'url-home-')), env: { PATH: process.env.PATH ?? '', DASHSCOPE_API_KEY: 'sk-test', DASHSCOPE_BASE_URL: slow.baseUrl }, sleep: fastSleep });
      open.push(a);
      const url = net.signed('signed.mp3', Date.now() + 3600_000);
      const { jobs } = await addJobs(a, [url], opts(), false);
      // The link expires once the task is queued (the service downloads when the task runs).
      while (slow.stats.submits === 0) await new Promise((r) => setTimeout(r, 20));
      net.advance(2 * 3600_000);
      const end = await a.runner.wait(jobs[0]!.id);
      expect(end.stage).toBe('failed');
      expect(end.error?.code).toBe('URL_DOWNLOAD_FAILED');
      expect(end.error?.message).toMatch(/could not fetch .*signed\/signed\.mp3\?….*signature may have expired.*--via-captioner/);
      expect(slow.stats.succeededTasks).toBe(0); // a failed download is not billed
      expect(slow.stats.downloadsByUrl[url]).toBe(1);
    } finally {
      await slow.close();
    }
  }, 60_000);

  it('a link blocked for the service is delivered through Captioner on request: one download each, one billed task', async () => {
    const a = app();
    const url = `${net.url}/region/region.m4a`;
    const billed = emu.stats.succeededTasks;
    const submits = emu.stats.submits;
    const { jobs } = await addJobs(a, [url], opts(), false);
    const failed = await a.runner.wait(jobs[0]!.id);
    expect(failed.error?.code).toBe('URL_DOWNLOAD_FAILED');
    expect(failed.error?.message).toMatch(/block the service's region.*Deliver through Captioner/);
    const retried = a.runner.retry(failed.id, { viaCaptioner: true });
    expect(retried.stage).toBe('queued');
    const end = await a.runner.wait(failed.id);
    expect(end.stage).toBe('done');
    expect(end.warnings).toEqual([{ code: 'URL_EXTRACTED', params: { reason: 'ASKED' } }]);
    expect(describeWarning(end.warnings[0]!)).toMatch(/you asked for delivery through Captioner/);
    expect(downloads(url)).toBe(1); // the service's one attempt, refused by the link's server
    expect(emu.stats.submits - submits).toBe(2);
    expect(emu.stats.succeededTasks - billed).toBe(1);
    expect(emu.submissions.at(-1)!.fileUrls[0]).not.toBe(url);
  }, 90_000);
});

describe('a retried link whose submit answer is lost', () => {
  it('is not mistaken for the earlier failed task of the same link: the new task is found and polled, billed once', async () => {
    const proxy = await startFaultProxy(emu.baseUrl, 3);
    try {
      const net2 = await startInternet();
      net2.put('reopened.m4a', join(dir, 'region.m4a'));
      const a = openApp({ home: mkdtempSync(join(tmpdir(), 'url-home-')), env: { PATH: process.env.PATH ?? '', DASHSCOPE_API_KEY: 'sk-test', DASHSCOPE_BASE_URL: proxy.baseUrl }, sleep: fastSleep });
      open.push(a);
      const url = `${net2.url}/region/reopened.m4a`;
      const { jobs } = await addJobs(a, [url], opts(), false);
      const first = await a.runner.wait(jobs[0]!.id);
      expect(first.error?.code).toBe('URL_DOWNLOAD_FAILED'); // task 1 failed: the service could not fetch it
      const failedTask = first.taskId;
      net2.openRegion(); // the person made the link public, and retries as it is
      proxy.rules.push({ method: 'POST', path: /transcription$/, kind: 'lose' }); // the answer to the new submit is lost
      const billed = emu.stats.succeededTasks;
      a.runner.retry(first.id);
      const end = await a.runner.wait(first.id);
      expect(end.error).toBeUndefined();
      expect(end.stage).toBe('done');
      expect(end.taskId).not.toBe(failedTask);
      expect(proxy.counts.lost).toBe(1);
      expect(emu.stats.succeededTasks - billed).toBe(1);
      expect(emu.stats.downloadsByUrl[url]).toBe(2); // one per task, never twice for one
      await net2.close();
    } finally {
      await proxy.close();
    }
  }, 90_000);
});

describe('web pages through yt-dlp', () => {
  it('finds yt-dlp like ffmpeg: the setting, then CAPTIONER_YTDLP, then PATH; never anything else', () => {
    const a = mkdtempSync(join(tmpdir(), 'ytdlp-a-'));
    const b = mkdtempSync(join(tmpdir(), 'ytdlp-b-'));
    for (const d of [a, b]) {
      writeFileSync(join(d, 'yt-dlp'), '#!/bin/sh\n');
      chmodSync(join(d, 'yt-dlp'), 0o755);
    }
    expect(locateYtDlp({ setting: join(a, 'yt-dlp'), env: { CAPTIONER_YTDLP: join(b, 'yt-dlp'), PATH: b }, extraDirs: [] })).toBe(join(a, 'yt-dlp'));
    expect(locateYtDlp({ env: { CAPTIONER_YTDLP: join(b, 'yt-dlp'), PATH: a }, extraDirs: [] })).toBe(join(b, 'yt-dlp'));
    expect(locateYtDlp({ env: { PATH: `/nonexistent:${a}` }, extraDirs: [] })).toBe(join(a, 'yt-dlp'));
    expect(() => locateYtDlp({ env: { PATH: '/nonexistent' }, extraDirs: [] })).toThrow(/yt-dlp was not found\. .*never bundles or downloads.*pip install yt-dlp/);
    expect(() => locateYtDlp({ setting: join(a, 'nope'), env: { PATH: a }, extraDirs: [] })).toThrow(/configured as ".*nope" \(settings\) but that is not an executable file/);
  });

  it('a stand-in yt-dlp on PATH names the media; it is extracted and delivered, titled by the page', async () => {
    const bin = mkdtempSync(join(tmpdir(), 'ytdlp-'));
    const log = join(bin, 'calls.log');
    const media = `${net.url}/files/page-media.mp4`;
    // What real yt-dlp prints for -j (one JSON line) and --get-url (the link), nothing else.
    writeFileSync(
      join(bin, 'yt-dlp'),
      `#!/bin/sh\necho "$@" >> ${JSON.stringify(log)}\nfor a in "$@"; do\n  case "$a" in\n    -j) echo '{"id":"abc","title":"A talk on a page","duration":4.2,"ext":"mp4","url":"${media}"}'; exit 0;;\n    --get-url) echo '${media}'; exit 0;;\n  esac\ndone\nexit 2\n`,
    );
    chmodSync(join(bin, 'yt-dlp'), 0o755);
    const a = app({ PATH: `${bin}:${process.env.PATH ?? ''}` });
    const page = `${net.url}/page/page-media.mp4`;
    const { jobs } = await addJobs(a, [page], opts(), false);
    const end = await a.runner.wait(jobs[0]!.id);
    expect(end.error).toBeUndefined();
    expect(end.stage).toBe('done');
    expect(end.title).toBe('A talk on a page');
    expect(end.warnings).toEqual([{ code: 'URL_EXTRACTED', params: { reason: 'PAGE' } }]);
    expect(describeWarning(end.warnings[0]!)).toMatch(/web page read through yt-dlp/);
    expect(readFileSync(log, 'utf8')).toMatch(/-j .*\/page\/page-media\.mp4/);
    expect(downloads(page) + downloads(media)).toBe(0); // the service got Captioner's copy
    expect(a.transcripts.meta(end.transcriptId!)!.sourcePath).toBe(page);
  }, 60_000);
});

describe('waveform from a link', () => {
  it('is computed from the link once, then read from the cache', async () => {
    const a = app();
    const url = `${net.url}/files/talk.mp4`;
    const cache = join(a.home, 'peaks');
    const before = net.hits.length;
    const p1 = await waveformPeaks(url, 4000, a.tools(), cache);
    const read = net.hits.length - before;
    const p2 = await waveformPeaks(url, 4000, a.tools(), cache);
    expect(read).toBeGreaterThan(0);
    expect(net.hits.length - before).toBe(read); // no request the second time
    expect(p2.data).toEqual(p1.data);
    expect(p1.data.some((v) => v !== 0)).toBe(true);
    expect(existsSync(cache)).toBe(true);
  }, 30_000);
});


describe('the app API with links', () => {
  it('jobs:add takes pasted links; the editor gets the link through the signed-URL server (ranges forwarded), or a local copy', async () => {
    const a = app();
    const api = createApi(a, { version: 'test', transport: 'websocket' });
    const url = `${net.url}/files/api.mp4`;
    const added = (await api.call('jobs:add', { paths: [` ${url} `], options: { language: 'en' } })) as { ok: true; value: { jobs: { id: string }[] } };
    expect(added.ok).toBe(true);
    const end = await a.runner.wait(added.value.jobs[0]!.id);
    expect(end.stage).toBe('done');
    const doc = (await api.call('transcript:get', { id: end.transcriptId })) as { ok: true; value: { mediaUrl: string; mediaKind: string } };
    expect(doc.value.mediaKind).toBe('video');
    expect(doc.value.mediaUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(doc.value.mediaUrl).not.toContain('/files/');
    const original = readFileSync(join(dir, 'api.mp4'));
    const part = await fetch(doc.value.mediaUrl, { headers: { Range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${original.length}`);
    expect(Buffer.from(await part.arrayBuffer())).toEqual(original.subarray(100, 200));

    // A local copy the person points to plays instead; the link stays the source.
    const copy = join(mkdtempSync(join(tmpdir(), 'url-copy-')), 'api copy.mp4');
    writeFileSync(copy, original);
    const hits = net.hits.length;
    expect(await api.call('transcript:setLocalMedia', { id: end.transcriptId, path: copy })).toEqual({ ok: true, value: { localCopy: copy } });
    const local = (await api.call('transcript:get', { id: end.transcriptId })) as { ok: true; value: { mediaUrl: string; meta: { sourcePath: string } } };
    expect(local.value.meta.sourcePath).toBe(url);
    const whole = await fetch(local.value.mediaUrl);
    expect(Buffer.from(await whole.arrayBuffer())).toEqual(original);
    expect(net.hits.length).toBe(hits); // served from the copy, not the link
    expect(await api.call('transcript:setLocalMedia', { id: end.transcriptId, path: null })).toEqual({ ok: true, value: { localCopy: null } });

    // The untrusted renderer's input is validated: a local copy must be a media file outside the library.
    expect(await api.call('transcript:setLocalMedia', { id: end.transcriptId, path: join(a.home, 'library.db') })).toMatchObject({ ok: false, error: { code: 'PATH_IN_LIBRARY' } });
    expect(await api.call('jobs:retry', { id: end.id, viaCaptioner: 'yes' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  }, 60_000);
});

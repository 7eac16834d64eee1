import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TokenRateLimiter } from '../../src-main/core/rate-limiter';
import { PRESETS } from '../../src-main/shared/captions/presets';
import { parseSrt } from '../../src-main/shared/formats/srt';
import { MtClient } from '../../src-main/node/dashscope/mt-client';
import { openApp } from '../../src-main/node/app';
import { createApi } from '../../src-main/node/api';
import { emulator, type Emu } from '../helpers/emulator';
import { expectCliOk, runCli, startCli, type CliResult } from '../helpers/cli';
import { serviceFailure } from '../helpers/expect';
import { speech, wrap } from '../helpers/media';

/**
 * Translation (issue 11) against the real parts: the emulator's Qwen-MT endpoint on port 0, a real
 * SQLite library, the real CLI in its own process (killed with SIGKILL for the resume case).
 */
const root = mkdtempSync(join(tmpdir(), 'translate-'));
const opened: { close(): Promise<void> }[] = [];
afterAll(async () => {
  for (const o of opened) await o.close();
});

const clock = (ms: number): string => {
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${p(Math.floor(ms / 3600000))}:${p(Math.floor(ms / 60000) % 60)}:${p(Math.floor(ms / 1000) % 60)},${p(ms % 1000, 3)}`;
};
function srt(path: string, texts: string[], cueMs = 2000): string {
  writeFileSync(path, texts.map((t, i) => `${i + 1}\n${clock(i * cueMs)} --> ${clock(i * cueMs + cueMs - 200)}\n${t}\n`).join('\n'));
  return path;
}
async function start(o: Parameters<typeof emulator>[0] = {}): Promise<Emu> {
  const emu = await emulator(o);
  opened.push(emu);
  return emu;
}
/** The translation requests the emulator answered (and billed). */
const answered = (emu: Emu) => emu.translationRequests.filter((q) => q.status === 200);

interface Case {
  emu: Emu;
  /** The case's media folder and library (CAPTIONER_HOME), both under root. */
  dir: string;
  home: string;
  env: Record<string, string>;
  /** The CLI on this library. */
  run(args: string[]): Promise<CliResult>;
}
/** An emulator, a library and a folder named after the case; `config` is set with `captioner config set` first. */
async function setup(name: string, o: { emulator?: Parameters<typeof emulator>[0]; env?: Record<string, string>; config?: Record<string, string> } = {}): Promise<Case> {
  const emu = await start(o.emulator);
  const dir = join(root, name);
  const home = join(root, `home-${name}`);
  mkdirSync(dir, { recursive: true });
  const env = { DASHSCOPE_API_KEY: 'sk-test', DASHSCOPE_BASE_URL: emu.baseUrl, CAPTIONER_HOME: home, ...o.env };
  for (const [key, value] of Object.entries(o.config ?? {})) expect((await runCli(['config', 'set', key, value], env)).code).toBe(0);
  return { emu, dir, home, env, run: (args) => runCli(args, env) };
}
/**
 * Runs `args`, kills it (SIGKILL) once `requests` translations were answered, and reads what the
 * library had committed when the process died: some batches, not all.
 */
async function killAfter(c: Case, args: string[], requests: number): Promise<{ committed: { content: string; model: string }[]; total: number }> {
  const first = startCli(args, c.env);
  const t0 = Date.now();
  while (answered(c.emu).length < requests && Date.now() - t0 < 30_000) await new Promise((r) => setTimeout(r, 20));
  first.child.kill('SIGKILL');
  await first.done;
  const app = openApp({ home: c.home, env: c.env });
  const committed = app.db.prepare("SELECT content, model FROM translation_batches WHERE status = 'done'").all() as { content: string; model: string }[];
  const total = (app.db.prepare('SELECT COUNT(*) AS n FROM translation_batches').get() as { n: number }).n;
  await app.close();
  expect(committed.length).toBeGreaterThan(0);
  expect(committed.length).toBeLessThan(total);
  return { committed, total };
}
/** A synthetic Chinese lecture: every sentence over two cues, each sentence different. */
const DIGITS = '零一二三四五六七八九';
const cn = (n: number): string => String(n).split('').map((d) => DIGITS[Number(d)]).join('');
function lecture(sentences: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < sentences; i++) out.push(`我们现在讨论第${cn(i + 1)}个问题的背景`, `以及它在信号处理中的意义。`);
  return out;
}

describe('captioner translate', () => {
  it('turns a Chinese SRT into a bilingual SRT on the same cue times, with the registered English within the English preset', async () => {
    const { emu, dir, run } = await setup('bilingual');
    const src = srt(join(dir, 'lecture.srt'), ['大家好，', '今天我们讨论生物传感器。', '它能把化学信号', '转换成电信号，', '非常有用。', '谢谢大家！']);
    const english = {
      '大家好，今天我们讨论生物传感器。': 'Hello everyone, today we will talk about biological sensors and how researchers design them for medical use.',
      '它能把化学信号转换成电信号，非常有用。': 'It turns chemical signals into electrical ones, which is very useful.',
      '谢谢大家！': 'Thank you all!',
    };
    for (const [s, t] of Object.entries(english)) await emu.translation(s, t, 'en');
    const r = await run(['translate', src, '--to', 'en', '--bilingual']);
    expectCliOk(r);
    expect(r.stdout).toMatch(/Imported lecture\.srt/);
    const out = readFileSync(join(dir, 'lecture.zh+en.srt'), 'utf8');
    const source = parseSrt(readFileSync(src)).cues;
    const cues = parseSrt(out).cues;
    expect(cues.map((c) => [c.start, c.end])).toEqual(source.map((c) => [c.start, c.end]));
    const preset = PRESETS['netflix-en'] as (typeof PRESETS)[string];
    // Source lines first, then the English; the English of each sentence's cues reads as the registered text.
    const englishOf = cues.map((c, i) => {
      expect(c.lines.slice(0, source[i]?.lines.length)).toEqual(source[i]?.lines);
      return c.lines.slice(source[i]?.lines.length ?? 0);
    });
    for (const lines of englishOf) {
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.length).toBeLessThanOrEqual(preset.maxLines);
      for (const l of lines) expect([...l].length).toBeLessThanOrEqual(preset.maxCharsPerLine);
    }
    const joined = (a: number, b: number): string => englishOf.slice(a, b).flat().join(' ');
    expect(joined(0, 2)).toBe(english['大家好，今天我们讨论生物传感器。']);
    expect(joined(2, 5)).toBe(english['它能把化学信号转换成电信号，非常有用。']);
    expect(joined(5, 6)).toBe('Thank you all!');
    // One request for the whole file; the emulator counted its tokens.
    const sent = answered(emu);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.targetLang).toBe('English');
    expect(sent[0]?.sourceLang).toBe('Chinese');
    expect(emu.stats.mt.billedTokens).toBe((sent[0]?.promptTokens ?? 0) + (sent[0]?.completionTokens ?? 0));
    expect(r.stdout).toContain(`billed ${emu.stats.mt.billedTokens} tokens`);
    // A rerun finds the imported transcript and its finished translation: nothing is sent again.
    const again = await run(['translate', src, '--to', 'en', '--bilingual']);
    expect(again.code).toBe(0);
    expect(again.stdout).not.toMatch(/Imported/);
    expect(answered(emu)).toHaveLength(2); // a finished job is a new request by the user's choice
  }, 60_000);

  it('sends hotword-list terms and a remembered user edit (terms, tm_list) with the request', async () => {
    const { emu, dir, home, env } = await setup('terms');
    const app = openApp({ home, env });
    try {
      const api = createApi(app, { version: 'test', transport: 'websocket' });
      const call = async <T,>(m: string, i: unknown): Promise<T> => {
        const r = await api.call(m, i);
        if (!r.ok) throw new Error(`${m}: ${r.error.code} ${r.error.message}`);
        return r.value as T;
      };
      // A hotword list made in Settings › Hotwords (a list at the emulator's vocabulary service,
      // active once saved), and a glossary pair in Settings › Translation, as a user makes them.
      const list = await call<{ id: string; active: boolean }>('hotwords:save', { model: 'fun-asr', entries: [{ text: 'DashScope', weight: 4 }, { text: '语音识别', weight: 4, lang: 'zh' }] });
      expect(list.active).toBe(true);
      expect((await call<{ id: string; active: boolean }[]>('hotwords:list', {})).find((l) => l.id === list.id)?.active).toBe(true);
      await call('settings:set', { translationTerms: [{ source: '通义', target: 'Tongyi' }] });
      const first = srt(join(dir, 'a.srt'), ['我们用DashScope做语音识别。', '结果很好。']);
      const [imp] = await call<{ transcriptId: string }[]>('library:import', { paths: [first] });
      const a = imp?.transcriptId as string;
      await call('transcript:setLanguage', { id: a, language: 'zh', resegment: 'none' });
      const { jobIds } = await call<{ jobIds: string[] }>('translation:start', { transcriptId: a, targets: ['en'] });
      const done = await app.translator.wait(jobIds[0] as string);
      expect(done.status).toBe('done');
      const before = await call<{ cues: { cueId: string; lines: string[]; origin: string }[] }>('translation:get', { transcriptId: a, lang: 'en' });
      expect(before.cues.map((c) => c.origin)).toEqual(['mt', 'mt']);
      // The user corrects the second cue's translation: it is kept and remembered.
      const saved = await call<{ remembered: number }>('translation:save', { transcriptId: a, lang: 'en', cues: [{ cueId: before.cues[1]?.cueId, lines: ['The results are great.'] }] });
      expect(saved.remembered).toBe(1);
      // A second transcript with the same sentence and the terms: the request carries both.
      const second = srt(join(dir, 'b.srt'), ['通义和DashScope都很好。', '结果很好。']);
      const [imp2] = await call<{ transcriptId: string }[]>('library:import', { paths: [second] });
      await call('transcript:setLanguage', { id: imp2?.transcriptId, language: 'zh', resegment: 'none' });
      const est = await call<{ requests: number; inputTokens: number; cost: { amount: number } }>('translation:estimate', { transcriptId: imp2?.transcriptId, targets: ['en', 'ja'] });
      expect(est.requests).toBe(2);
      expect(est.cost.amount).toBeGreaterThan(0);
      const r2 = await call<{ jobIds: string[] }>('translation:start', { transcriptId: imp2?.transcriptId, targets: ['en'] });
      expect((await app.translator.wait(r2.jobIds[0] as string)).status).toBe('done');
    } finally {
      await app.close();
    }
    expect(emu.stats.mt.throttled).toBe(0);
    // What the emulator's request log (the endpoint a person would read) says it received.
    const log = (await (await fetch(`${emu.url}/_emulator/translations/requests`)).json()) as { status: number; terms: { source: string; target: string }[]; tmList: { source: string; target: string }[] }[];
    const [firstReq, secondReq] = log.filter((q) => q.status === 200);
    // Only terms that occur in the text; a CJK hotword has no known English, so it is not forced.
    expect(firstReq?.terms).toEqual([{ source: 'DashScope', target: 'DashScope' }]);
    expect(firstReq?.tmList).toEqual([]);
    expect(secondReq?.terms).toEqual([{ source: '通义', target: 'Tongyi' }, { source: 'DashScope', target: 'DashScope' }]);
    expect(secondReq?.tmList).toContainEqual({ source: '结果很好。', target: 'The results are great.' });
  }, 60_000);

  it('is killed (SIGKILL) mid-translation: the rerun sends only unfinished batches', async () => {
    // 5 requests per second at most: the kill lands in the middle.
    const c = await setup('kill', { emulator: { mt: { delayMs: 150, rpm: 5, windowMs: 1000 } }, env: { CAPTIONER_MT_WINDOW_MS: '1000' }, config: { mtRequestsPerMinute: '5' } });
    const { emu, dir, run } = c;
    const src = srt(join(dir, 'long.srt'), lecture(300));
    const { committed } = await killAfter(c, ['translate', src, '--to', 'en'], 6);
    const beforeRerun = answered(emu).map((q) => q.content);
    const again = await run(['translate', src, '--to', 'en']);
    expectCliOk(again);
    expect(again.stdout).toMatch(/resuming, \d+ of \d+ requests already done/);
    const all = answered(emu).map((q) => q.content);
    const count = (c: string): number => all.filter((x) => x === c).length;
    // A committed batch is never sent again.
    for (const { content } of committed) expect(count(content)).toBe(1);
    // Requests in flight at the kill were answered but never committed: sent once more at most, and said so.
    const resent = [...new Set(all)].filter((c) => count(c) > 1);
    expect(resent.length).toBeLessThanOrEqual(4);
    for (const c of resent) {
      expect(count(c)).toBe(2);
      expect(beforeRerun).toContain(c);
    }
    const lostWarnings = Number(/MT_RESPONSE_LOST×(\d+)/.exec(again.stdout)?.[1] ?? 0);
    expect(lostWarnings).toBeGreaterThanOrEqual(resent.length);
    expect(lostWarnings).toBeLessThanOrEqual(4);
    expect(again.stdout).not.toContain('SERVICE_THROTTLED');
    const out = parseSrt(readFileSync(join(dir, 'long.en.srt'))).cues;
    expect(out).toHaveLength(600);
    // Every sentence translated once in the file (the emulator's placeholder marks each): none missing, none twice.
    expect(out.every((c) => c.lines.length > 0)).toBe(true);
    expect(out.map((c) => c.lines.join(' ')).join(' ').split('[en]').length - 1).toBe(300);
  }, 90_000);

  it('a rerun with another --model goes on with the unfinished job under the new model, never resending a finished batch', async () => {
    const c = await setup('model-switch', { emulator: { mt: { delayMs: 150, rpm: 5, windowMs: 1000 } }, env: { CAPTIONER_MT_WINDOW_MS: '1000' }, config: { mtRequestsPerMinute: '5' } });
    const { emu, dir, home, env, run } = c;
    const src = srt(join(dir, 'talk.srt'), lecture(200));
    const { committed, total } = await killAfter(c, ['translate', src, '--to', 'en', '--model', 'qwen-mt-flash'], 3);
    expect(new Set(committed.map((b) => b.model))).toEqual(new Set(['qwen-mt-flash']));
    const sentBefore = emu.translationRequests.length;

    const again = await run(['translate', src, '--to', 'en', '--model', 'qwen-mt-plus']);
    expectCliOk(again);
    expect(again.stdout).toMatch(new RegExp(`talk → en: resuming, ${committed.length} of ${total} requests already done with qwen-mt-flash; the rest use qwen-mt-plus \\(not sent again\\)`));
    const rerun = emu.translationRequests.slice(sentBefore).filter((q) => q.status === 200);
    expect(rerun.length).toBeGreaterThan(0);
    expect(new Set(rerun.map((q) => q.model))).toEqual(new Set(['qwen-mt-plus']));
    for (const { content } of committed) expect(rerun.map((q) => q.content)).not.toContain(content);
    // Recorded on the job; the bill counts each batch at the model that answered it.
    const after = openApp({ home, env });
    try {
      const [job] = after.translator.list();
      expect(job?.model).toBe('qwen-mt-plus');
      expect(job?.status).toBe('done');
      expect(job?.earlierModels).toEqual(['qwen-mt-flash']);
      const byModel = after.db.prepare("SELECT model, SUM(prompt_tokens) AS p, SUM(completion_tokens) AS c FROM translation_batches WHERE status != 'pending' GROUP BY model").all() as { model: string; p: number; c: number }[];
      expect(byModel.map((r) => r.model).sort()).toEqual(['qwen-mt-flash', 'qwen-mt-plus']);
      const { estimateMtCost } = await import('../../src-main/core/pricing');
      const expected = byModel.reduce((n, r) => n + estimateMtCost(r.p, r.c, r.model, 'beijing').amount, 0);
      expect(job?.billed.cost.amount).toBeCloseTo(expected, 9);
      expect(job?.billed.cost.amount).toBeLessThan(estimateMtCost(job!.billed.promptTokens, job!.billed.completionTokens, 'qwen-mt-plus', 'beijing').amount);
    } finally {
      await after.close();
    }
    // Every cue translated once: the file is complete.
    expect(parseSrt(readFileSync(join(dir, 'talk.en.srt'))).cues).toHaveLength(400);
  }, 90_000);

  it('caption … --translate en shows the translation\'s progress as translate does, then writes both files', async () => {
    const { emu, dir, run } = await setup('caption-translate');
    // Long enough for several requests: 96 sentences, every other one about 40 characters.
    const sentences = lecture(48).map((t, i) => (i % 2 ? t : `${t}，以及它和第${cn(i)}个问题之间的关系`));
    await emu.script({ urlContains: '' }, sentences.map((text) => ({ text })));
    const media = wrap(speech(['大家好，欢迎参加测试。', '这是第二句话。', '我们今天讨论信号处理。', '谢谢大家。'], { voice: 'cmn', gapMs: 1500 }), join(dir, 'talk.mp4'), { ext: 'mp4' });
    const r = await run(['caption', media, '--language', 'zh', '--translate', 'en']);
    expectCliOk(r);
    // The same lines `captioner translate` prints (not a tty: at each quarter), in order.
    const progress = [...r.stdout.matchAll(/^talk → en: (\d+)% \((\d+)\/(\d+) requests(?:, about \d+ s left)?\)$/gm)].map((m) => [Number(m[1]), Number(m[2]), Number(m[3])]);
    const total = answered(emu).length;
    expect(total).toBeGreaterThanOrEqual(3);
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress[0]).toEqual([0, 0, total]);
    expect(progress.some(([pct]) => (pct as number) > 0 && (pct as number) < 100)).toBe(true);
    for (let k = 1; k < progress.length; k++) expect(progress[k]![0]).toBeGreaterThan(progress[k - 1]![0] as number);
    expect(r.stdout).toMatch(/✓ talk → en: .*talk\.en\.srt/);
    expect(parseSrt(readFileSync(join(dir, 'talk.en.srt'))).cues.length).toBe(parseSrt(readFileSync(join(dir, 'talk.srt'))).cues.length);
  }, 90_000);

  it('stays under the request and token limits on a 2,000-cue transcript with no 429', async () => {
    // The minute scaled to 2 s on both sides: 7 requests and 10,000 tokens per window. The service's
    // per-second reading is left out here: scaled, it leaves a margin of a few hundred ms, which a
    // loaded CI machine's event-loop lag in the emulator can eat (the client spaces requests; a
    // rare 429 is resent, never billed; the unscaled per-second margin is measured by the bench).
    const windowMs = 2000;
    const { emu, dir, run } = await setup('limits', {
      emulator: { mt: { rpm: 7, tpm: 10_000, windowMs, delayMs: 20, burst: false } },
      env: { CAPTIONER_MT_WINDOW_MS: String(windowMs) },
      config: { mtRequestsPerMinute: '7', mtTokensPerMinute: '10000' },
    });
    const src = srt(join(dir, 'big.srt'), lecture(1000), 1500);
    const t0 = Date.now();
    const r = await run(['translate', src, '--to', 'en']);
    const ms = Date.now() - t0;
    expectCliOk(r);
    expect(emu.translationRequests.filter((q) => q.status !== 200).map((q) => [q.status, q.at])).toEqual([]);
    expect(emu.stats.mt.throttled).toBe(0);
    const out = parseSrt(readFileSync(join(dir, 'big.en.srt'))).cues;
    expect(out).toHaveLength(2000);
    // The limits bound the run: it took at least what the token budget allows (tokens / budget windows, minus the first).
    const tokens = emu.stats.mt.billedTokens;
    expect(tokens).toBeGreaterThan(30_000);
    expect(ms).toBeGreaterThan(((tokens - 10_000) / 10_000) * windowMs);
  }, 120_000);
});

describe('Qwen-MT client error mapping', () => {
  const client = (emu: Emu, key = 'sk-test') =>
    new MtClient({ baseUrl: emu.baseUrl, apiKey: key, limiter: () => new TokenRateLimiter(() => ({ requests: 1000, tokens: 1e7 }), 60_000, Date.now, (ms) => new Promise((r) => setTimeout(r, ms))), sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 20))), random: () => 0.5 });
  const req = { model: 'qwen-mt-flash', content: '你好', sourceLang: 'Chinese', targetLang: 'English' };

  it('maps 401, an unknown language, a wrong model and a too-long input; retries 429 and 5xx; reports a lost answer', async () => {
    const emu = await start({ mt: { maxInputTokens: 50, rpm: 10_000 } });
    expect((await serviceFailure(client(emu, 'sk-wrong').translate(req, 10))).code).toBe('SERVICE_AUTH');
    const lang = await serviceFailure(client(emu).translate({ ...req, targetLang: 'Klingon' }, 10));
    expect([lang.code, lang.retryable, lang.httpStatus]).toEqual(['MT_LANGUAGE_UNSUPPORTED', false, 400]);
    expect((await serviceFailure(client(emu).translate({ ...req, model: 'qwen-mt-huge' }, 10))).code).toBe('SERVICE_MODEL_NOT_FOUND');
    expect((await serviceFailure(client(emu).translate({ ...req, model: 'qwen-mt-lite', targetLang: 'Welsh' }, 10))).code).toBe('MT_LANGUAGE_UNSUPPORTED');
    const long = await serviceFailure(client(emu).translate({ ...req, content: '长'.repeat(80) }, 10));
    expect([long.code, long.retryable]).toEqual(['MT_INPUT_TOO_LONG', false]);
    await emu.fault({ path: '^/compatible-mode/', kind: 'status', status: 429, count: 2 });
    const ok = await client(emu).translate(req, 10);
    expect(ok.throttled).toBe(2);
    expect(ok.content).toBe('[en] 你好');
    await emu.fault({ path: '^/compatible-mode/', kind: 'status', status: 500, count: 1 });
    expect((await client(emu).translate(req, 10)).content).toBe('[en] 你好');
    const callsBefore = emu.stats.mt.calls;
    await emu.fault({ path: '^/compatible-mode/', kind: 'lose', count: 1 });
    const lost = await serviceFailure(client(emu).translate(req, 10));
    expect(lost.code).toBe('MT_RESPONSE_LOST');
    // Translated and billed once, and not sent again by the client.
    expect(emu.stats.mt.calls).toBe(callsBefore + 1);
    // The request log shows the OpenAI-compatible body the client sent.
    expect(emu.translationRequests.at(-1)).toMatchObject({ model: 'qwen-mt-flash', sourceLang: 'Chinese', targetLang: 'English', terms: [], tmList: [] });
  }, 30_000);

  it('splits a batch the service finds too long, and resends a lost answer once with a warning', async () => {
    const { emu, dir, run } = await setup('split', { emulator: { mt: { maxInputTokens: 120, rpm: 600 } }, config: { mtRequestsPerMinute: '600' } });
    const src = srt(join(dir, 'split.srt'), lecture(20));
    await emu.fault({ path: '^/compatible-mode/', kind: 'lose', count: 1 });
    const r = await run(['translate', src, '--to', 'en', '--format', 'json']);
    expectCliOk(r);
    const tooLong = emu.translationRequests.filter((q) => q.status === 400);
    expect(tooLong.length).toBeGreaterThan(0);
    expect(r.stdout).toContain('MT_RESPONSE_LOST×1');
    const json = JSON.parse(readFileSync(join(dir, 'split.en.json'), 'utf8')) as { cues: { lines: string[]; translations?: Record<string, string[]> }[] };
    expect(json.cues).toHaveLength(40);
    expect(json.cues.every((c) => c.translations?.en?.join(' ').length)).toBe(true);
  }, 60_000);
});

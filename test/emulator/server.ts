import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeChannel, fitSegments, probeAudio, serviceWords, speechSegments, timeWords, type ScriptSentence } from './asr';
import { applyWordFilter, parseWordFilter } from './filter';
import { handleFlash } from './flash';
import { placeholder } from './asr';
import { handleVocab, type VocabList } from './vocab';
import { createMt, type MtOptions, type MtRequestRecord, type MtStats } from './mt';

/**
 * A DashScope-compatible Fun-ASR emulator (funasr-api.md): the documented endpoints, statuses,
 * bodies, error codes and limits. It really downloads each submitted URL and decodes it with
 * ffmpeg, so delivery is exercised for real; text comes from registered scripts.
 */
export interface EmulatorOptions {
  port?: number;
  host?: string;
  apiKeys?: string[];
  /** Sentences answered from the start (`--script FILE`), before any registered by tests. */
  scripts?: { match: { durationMs?: number; urlContains?: string }; sentences: { text: string; speaker?: number }[] }[];
  /** Time a task stays PENDING before it runs. */
  queueDelayMs?: number;
  /** Extra time a task stays RUNNING after decoding. */
  processingDelayMs?: number;
  /** Reads each downloaded file at most this fast (a slow link), so a test can stop Captioner mid-transfer. */
  downloadBytesPerSecond?: number;
  submitRps?: number;
  queryQps?: number;
  /** URLs per submit; the newest docs say 1, older ones 100. */
  maxFileUrls?: number;
  /** Max upload size the policy announces. */
  maxUploadMb?: number;
  /** Flash responses also carry text/sentence at the top level (workspace host layout). */
  flashTopLevel?: boolean;
  /** Qwen-MT (docs/qwen-mt-api.md): limits per model, their window, the input limit, latency. */
  mt?: MtOptions;
  log?: (line: string) => void;
}

export const MODELS = new Set(['fun-asr', 'fun-asr-2025-11-07', 'fun-asr-2025-08-25', 'fun-asr-mtl', 'fun-asr-mtl-2025-08-25', 'paraformer-v2']);
export const LANGUAGES = new Set('zh en ja ko vi th id ms tl hi ar fr de es pt ru it nl sv da fi no el pl cs hu ro bg hr sk'.split(' '));

interface Subtask {
  file_url: string;
  transcription_url?: string;
  subtask_status: string;
  code?: string;
  message?: string;
}

interface Task {
  id: string;
  status: 'PENDING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELED';
  model: string;
  urls: string[];
  params: Record<string, unknown> | undefined;
  submitTime: number;
  scheduledTime?: number;
  endTime?: number;
  results: Subtask[];
  usageSeconds: number;
  /** sha256 of each downloaded file, so tests can count billed tasks per audio. */
  audioHashes: string[];
  code?: string;
  message?: string;
}

interface Fault {
  path: RegExp;
  /** lose: the request is processed (and billed), then the connection drops before the answer. */
  kind: 'status' | 'reset' | 'slow' | 'malformed' | 'lose';
  status: number;
  delayMs: number;
  remaining: number;
}

interface Script {
  match: { durationMs?: number; urlContains?: string };
  sentences: ScriptSentence[];
}

export interface EmulatorStats {
  submits: number;
  queries: number;
  cancels: number;
  downloads: number;
  /** Download attempts per URL (issue 14: tests prove nothing was fetched twice). */
  downloadsByUrl: Record<string, number>;
  downloadFailures: number;
  throttled: number;
  uploads: number;
  resultFetches: number;
  vocabularyCalls: number;
  flashCalls: number;
  /** What the service would bill: the usage seconds of every SUCCEEDED task (§3.2 usage.duration). */
  billedSeconds: number;
  /** Tasks that ended SUCCEEDED, i.e. billed tasks. */
  succeededTasks: number;
  listCalls: number;
  /** Qwen-MT: answered calls, 429s, and tokens billed (usage of every answered call). */
  mt: MtStats;
}

/** One task as the test controls report it (`GET /_emulator/tasks`). */
export interface EmulatorTask {
  taskId: string;
  status: string;
  model: string;
  fileUrls: string[];
  usageSeconds: number;
  audioHashes: string[];
  submitTime: number;
}

export interface Emulator {
  url: string;
  baseUrl: string;
  stats: EmulatorStats;
  submissions: { model: string; fileUrls: string[]; parameters: unknown; headers: Record<string, string | undefined> }[];
  flashRequests: { model: string; parameters: unknown; context: { role: string; type: string; text: string }[]; audioBytes: number; streamed: boolean }[];
  /** Every translation request that reached the endpoint, with its status and token counts. */
  translationRequests: MtRequestRecord[];
  /** Every task ever submitted, in order. */
  tasks(): EmulatorTask[];
  close(): Promise<void>;
}

/** A response body read at most `rate` bytes a second; throws when the connection breaks mid-body. */
async function readSlowly(res: Response, rate: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const t0 = Date.now();
  let got = 0;
  for await (const c of res.body as unknown as AsyncIterable<Uint8Array>) {
    chunks.push(Buffer.from(c));
    got += c.length;
    const ahead = (got / rate) * 1000 - (Date.now() - t0);
    if (ahead > 0) await new Promise((r) => setTimeout(r, ahead));
  }
  return Buffer.concat(chunks);
}

const beijing = (ms: number): string => new Date(ms + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 23);
const DAY = 24 * 3600_000;

export async function startEmulator(o: EmulatorOptions = {}): Promise<Emulator> {
  const keys = new Set(o.apiKeys ?? ['sk-test']);
  const secret = randomBytes(16).toString('hex');
  const tasks = new Map<string, Task>();
  const results = new Map<string, string>();
  const oss = new Map<string, Buffer>();
  const policies = new Map<string, { dir: string; expires: number }>();
  const vocab = new Map<string, VocabList>();
  const scripts: Script[] = o.scripts ? [...o.scripts] : [];
  const faults: Fault[] = [];
  const windows = { submit: [] as number[], query: [] as number[] };
  let clockOffset = 0;
  const now = (): number => Date.now() + clockOffset;
  const mt = createMt(o.mt);
  const stats: EmulatorStats = { submits: 0, queries: 0, cancels: 0, downloads: 0, downloadsByUrl: {}, downloadFailures: 0, throttled: 0, uploads: 0, resultFetches: 0, vocabularyCalls: 0, flashCalls: 0, billedSeconds: 0, succeededTasks: 0, listCalls: 0, mt: mt.stats };
  const submissions: Emulator['submissions'] = [];
  const flashRequests: Emulator['flashRequests'] = [];
  const workDir = await mkdtemp(join(tmpdir(), 'funasr-emulator-'));
  let base = '';
  const log = o.log ?? (() => undefined);

  const send = (res: ServerResponse, status: number, body: unknown): void => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) }).end(text);
  };
  const fail = (res: ServerResponse, status: number, code: string, message: string): void => send(res, status, { request_id: randomUUID(), code, message });

  const throttled = (kind: 'submit' | 'query', limit: number): boolean => {
    const t = Date.now();
    const w = windows[kind];
    while (w.length && (w[0] as number) <= t - 1000) w.shift();
    if (w.length >= limit) {
      stats.throttled++;
      return true;
    }
    w.push(t);
    return false;
  };

  const authorized = (req: IncomingMessage, res: ServerResponse): boolean => {
    const m = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    if (!m || !keys.has(m[1] as string)) {
      fail(res, 401, 'InvalidApiKey', 'Invalid API-key provided.');
      return false;
    }
    return true;
  };

  async function readBody(req: IncomingMessage): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  }

  function pickScript(url: string, durationMs: number): ScriptSentence[] | undefined {
    const fits = (s: Script): boolean =>
      (s.match.urlContains === undefined || decodeURIComponent(url).includes(s.match.urlContains) || url.includes(s.match.urlContains)) &&
      (s.match.durationMs === undefined || Math.abs(s.match.durationMs - durationMs) <= Math.max(1500, durationMs * 0.05));
    return scripts.find(fits)?.sentences;
  }

  async function download(url: string): Promise<Buffer | null> {
    stats.downloads++;
    stats.downloadsByUrl[url] = (stats.downloadsByUrl[url] ?? 0) + 1;
    try {
      if (url.startsWith('oss://')) return oss.get(url.slice('oss://'.length)) ?? null;
      const res = await fetch(url, { signal: AbortSignal.timeout(120_000) });
      if (!res.ok) return null;
      const buf = o.downloadBytesPerSecond ? await readSlowly(res, o.downloadBytesPerSecond) : Buffer.from(await res.arrayBuffer());
      const declared = Number(res.headers.get('content-length') ?? buf.length);
      return declared === buf.length ? buf : null;
    } catch {
      return null;
    }
  }

  async function transcribe(task: Task, url: string, index: number): Promise<Subtask> {
    const failed = (code: string, message: string): Subtask => ({ file_url: url, code, message, subtask_status: 'FAILED' });
    const bytes = await download(url);
    if (!bytes) {
      stats.downloadFailures++;
      return failed('InvalidFile.DownloadFailed', 'The audio file cannot be downloaded.');
    }
    task.audioHashes.push(createHash('sha256').update(bytes).digest('hex'));
    if (bytes.length > 2 * 1024 ** 3) return failed('InvalidFile.TooLarge', 'The audio file exceeds 2GB.');
    const file = join(workDir, `${task.id}-${index}`);
    await writeFile(file, bytes);
    try {
      const facts = await probeAudio(file);
      if (!facts) return failed('InvalidFile.DecodeFailed', 'The audio file cannot be decoded.');
      if (facts.durationMs > 12 * 3600_000) return failed('InvalidFile.TooLong', 'The audio file exceeds 12 hours.');
      const params = task.params ?? {};
      const channelIds = Array.isArray(params.channel_id) ? (params.channel_id as number[]) : [0];
      const diarize = params.diarization_enabled === true;
      const filter = parseWordFilter(params.special_word_filter);
      const transcripts = [];
      let content = 0;
      for (const ch of channelIds) {
        if (ch >= facts.channels) return failed('InvalidParameter', `channel_id ${ch} does not exist in the audio.`);
        const pcm = await decodeChannel(file, ch);
        if (!pcm) return failed('InvalidFile.DecodeFailed', 'The audio file cannot be decoded.');
        const segs = speechSegments(pcm);
        if (!segs.length) continue;
        const script: ScriptSentence[] = pickScript(url, facts.durationMs) ?? segs.map((_, k) => ({ text: placeholder(k) }));
        const chScript = channelIds.length > 1 ? script.filter((s, k) => (s.speaker ?? k) % channelIds.length === ch || script.every((x) => x.speaker === undefined)) : script;
        const fitted = fitSegments(segs, chScript.length);
        const sentences = fitted.map((seg, k) => {
          const s = chScript[k] as ScriptSentence;
          const words = applyWordFilter(timeWords(serviceWords(s.text), seg), filter);
          const sentence: Record<string, unknown> = {
            begin_time: seg.start,
            end_time: seg.end,
            text: words.map((w) => w.text + w.punctuation).join('').trim(),
            sentence_id: k + 1,
            words,
          };
          if (diarize && facts.channels === 1) sentence.speaker_id = s.speaker ?? 0;
          return sentence;
        });
        const dur = fitted.reduce((n, s) => n + s.end - s.start, 0);
        content += dur;
        transcripts.push({ channel_id: ch, content_duration_in_milliseconds: dur, text: sentences.map((s) => s.text).join(''), sentences });
      }
      if (!transcripts.length) return failed('SUCCESS_WITH_NO_VALID_FRAGMENT', 'No valid speech fragment was detected.');
      task.usageSeconds += Math.ceil(content / 1000);
      const name = `${task.id}-${index}.json`;
      results.set(name, JSON.stringify({
        file_url: url,
        properties: { audio_format: facts.codec, channels: [...Array(facts.channels).keys()], original_sampling_rate: facts.sampleRate, original_duration_in_milliseconds: facts.durationMs },
        transcripts,
      }));
      return { file_url: url, subtask_status: 'SUCCEEDED', transcription_url: name };
    } finally {
      await rm(file, { force: true });
    }
  }

  function signResult(name: string, expires: number): string {
    const sig = createHmac('sha256', secret).update(`${name}:${expires}`).digest('base64url');
    return `${base}/_results/${name}?Expires=${expires}&OSSAccessKeyId=emulator&Signature=${sig}`;
  }

  async function run(task: Task): Promise<void> {
    await new Promise((r) => setTimeout(r, o.queueDelayMs ?? 300));
    if (task.status !== 'PENDING') return;
    task.status = 'RUNNING';
    task.scheduledTime = now();
    const subtasks: Subtask[] = [];
    if (task.params === undefined) {
      // Workspace-host gotcha (§1.1): without `parameters` the submit succeeds but recognition fails.
      for (const url of task.urls) subtasks.push({ file_url: url, subtask_status: 'FAILED', code: 'InvalidParameter', message: 'Missing required parameter: parameters.' });
    } else {
      for (const [i, url] of task.urls.entries()) subtasks.push(await transcribe(task, url, i).catch((e: Error) => ({ file_url: url, subtask_status: 'FAILED', code: 'InternalError', message: e.message })));
    }
    await new Promise((r) => setTimeout(r, o.processingDelayMs ?? 200));
    task.endTime = now();
    const expires = Math.floor((task.endTime + DAY) / 1000);
    task.results = subtasks.map((s) => (s.transcription_url ? { ...s, transcription_url: signResult(s.transcription_url, expires) } : s));
    // If any subtask succeeds, the whole task is SUCCEEDED (§3.2).
    const ok = subtasks.some((s) => s.subtask_status === 'SUCCEEDED');
    task.status = ok ? 'SUCCEEDED' : 'FAILED';
    if (ok) {
      stats.succeededTasks++;
      stats.billedSeconds += task.usageSeconds;
    } else {
      task.code = subtasks[0]?.code ?? 'InternalError';
      task.message = subtasks[0]?.message ?? 'failed';
    }
    log(`task ${task.id} ${task.status}`);
  }

  function queryBody(task: Task): unknown {
    const expired = task.endTime !== undefined && now() > task.endTime + DAY;
    const status = expired ? 'UNKNOWN' : task.status;
    const output: Record<string, unknown> = { task_id: task.id, task_status: status, submit_time: beijing(task.submitTime) };
    if (task.scheduledTime) output.scheduled_time = beijing(task.scheduledTime);
    const done = task.status === 'SUCCEEDED' || task.status === 'FAILED';
    if (done && !expired) {
      output.end_time = beijing(task.endTime as number);
      output.results = task.results;
      if (task.code) Object.assign(output, { code: task.code, message: task.message });
    }
    const succeeded = task.results.filter((r) => r.subtask_status === 'SUCCEEDED').length;
    output.task_metrics = { TOTAL: task.urls.length, SUCCEEDED: succeeded, FAILED: done ? task.urls.length - succeeded : 0 };
    const body: Record<string, unknown> = { request_id: randomUUID(), output };
    if (task.status === 'SUCCEEDED' && !expired) body.usage = { duration: task.usageSeconds };
    return body;
  }

  /**
   * GET /tasks (§1.2, §3.4): tasks of the last 24 h, filtered by submit time (YYYYMMDDhhmmss,
   * Beijing time), model and status, paged. The layout follows the async-task API's list reply.
   */
  function listTasks(q: URLSearchParams, res: ServerResponse): void {
    const stamp = (v: string | null): number | undefined => {
      const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(v ?? '');
      return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) - 8 * 3600_000 : undefined;
    };
    for (const k of ['start_time', 'end_time']) {
      if (q.has(k) && stamp(q.get(k)) === undefined) return fail(res, 400, 'InvalidParameter', `${k} must be YYYYMMDDhhmmss.`);
    }
    const t = now();
    const start = Math.max(stamp(q.get('start_time')) ?? t - DAY, t - DAY);
    const end = (stamp(q.get('end_time')) ?? t) + 999;
    const pageNo = Math.max(1, Number(q.get('page_no') ?? 1) || 1);
    const pageSize = Math.min(100, Math.max(1, Number(q.get('page_size') ?? 10) || 10));
    const model = q.get('model_name');
    const status = q.get('status');
    const all = [...tasks.values()]
      .filter((k) => k.submitTime >= start && k.submitTime <= end && (!model || k.model === model) && (!status || k.status === status))
      .sort((a, b) => b.submitTime - a.submitTime);
    const data = all.slice((pageNo - 1) * pageSize, pageNo * pageSize).map((k) => ({
      task_id: k.id, status: k.status, model_name: k.model, region: 'cn-beijing', api_key_id: 'emulator', request_id: k.id,
      gmt_create: k.submitTime, start_time: beijing(k.submitTime), ...(k.endTime ? { end_time: beijing(k.endTime) } : {}),
    }));
    send(res, 200, { request_id: randomUUID(), data, page_no: pageNo, page_size: pageSize, total: all.length, total_page: Math.max(1, Math.ceil(all.length / pageSize)) });
  }

  async function submit(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!authorized(req, res)) return;
    if (throttled('submit', o.submitRps ?? 10)) return fail(res, 429, 'Throttling.RateQuota', 'Requests rate limit exceeded, please try again later.');
    if (req.headers['x-dashscope-async'] !== 'enable') return fail(res, 403, 'AccessDenied', 'current user api does not support synchronous calls');
    let body: Record<string, unknown>;
    try {
      body = JSON.parse((await readBody(req)).toString()) as Record<string, unknown>;
    } catch {
      return fail(res, 400, 'InvalidParameter', 'The request body is not valid JSON.');
    }
    const model = String(body.model ?? '');
    if (!model) return fail(res, 400, 'InvalidParameter', 'Missing required parameter: model.');
    if (!MODELS.has(model)) return fail(res, 404, 'ModelNotFound', `Model not exist: ${model}`);
    const urls = (body.input as { file_urls?: unknown } | undefined)?.file_urls;
    if (!Array.isArray(urls) || !urls.length || !urls.every((u) => typeof u === 'string')) return fail(res, 400, 'InvalidParameter', 'input.file_urls must be a non-empty array of URLs.');
    if (urls.length > (o.maxFileUrls ?? 1)) return fail(res, 400, 'InvalidParameter', `Only ${o.maxFileUrls ?? 1} URL(s) per request are supported.`);
    const params = body.parameters as Record<string, unknown> | undefined;
    if (params !== undefined) {
      if (typeof params !== 'object' || params === null || Array.isArray(params)) return fail(res, 400, 'InvalidParameter', 'parameters must be an object.');
      const hints = params.language_hints;
      if (hints !== undefined && (!Array.isArray(hints) || !hints.every((h) => LANGUAGES.has(String(h))))) return fail(res, 400, 'InvalidParameter', `Unsupported language_hints: ${JSON.stringify(hints)}`);
      if (params.diarization_enabled !== undefined && typeof params.diarization_enabled !== 'boolean') return fail(res, 400, 'InvalidParameter', 'diarization_enabled must be a boolean.');
      const sc = params.speaker_count;
      if (sc !== undefined && (!Number.isInteger(sc) || (sc as number) < 2 || (sc as number) > 100)) return fail(res, 400, 'InvalidParameter', 'speaker_count must be an integer from 2 to 100.');
      const ch = params.channel_id;
      if (ch !== undefined && (!Array.isArray(ch) || !ch.every((c) => Number.isInteger(c) && c >= 0))) return fail(res, 400, 'InvalidParameter', 'channel_id must be an array of track indexes.');
      if (params.special_word_filter !== undefined && typeof params.special_word_filter !== 'string') return fail(res, 400, 'InvalidParameter', 'special_word_filter must be a JSON string.');
      if (params.vocabulary_id !== undefined && !vocab.has(String(params.vocabulary_id))) return fail(res, 400, 'InvalidParameter', 'vocabulary_id does not exist.');
    }
    if (urls.some((u: string) => u.startsWith('oss://')) && req.headers['x-dashscope-ossresourceresolve'] !== 'enable') {
      return fail(res, 400, 'InvalidParameter', 'The provided URL does not appear to be valid. Ensure it is correctly formatted.');
    }
    if (urls.some((u: string) => !/^(https?|oss):\/\//.test(u))) return fail(res, 400, 'InvalidParameter', 'The provided URL does not appear to be valid. Ensure it is correctly formatted.');
    stats.submits++;
    submissions.push({ model, fileUrls: urls as string[], parameters: params, headers: { async: req.headers['x-dashscope-async'] as string | undefined, ossResolve: req.headers['x-dashscope-ossresourceresolve'] as string | undefined } });
    const task: Task = { id: randomUUID(), status: 'PENDING', model, urls: urls as string[], params, submitTime: now(), results: [], usageSeconds: 0, audioHashes: [] };
    tasks.set(task.id, task);
    void run(task);
    send(res, 200, { request_id: randomUUID(), output: { task_status: 'PENDING', task_id: task.id } });
  }

  async function ossUpload(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const request = new Request('http://x/', { method: 'POST', headers: req.headers as Record<string, string>, body: new Uint8Array(await readBody(req)) });
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      return fail(res, 400, 'InvalidArgument', 'Malformed multipart body.');
    }
    const names = [...form.keys()];
    const policy = String(form.get('policy') ?? '');
    const p = policies.get(policy);
    const expectedSig = createHmac('sha256', secret).update(policy).digest('base64');
    if (!p || form.get('Signature') !== expectedSig || form.get('OSSAccessKeyId') !== 'LTAIemulator') return fail(res, 403, 'AccessDenied', 'Invalid according to Policy: signature mismatch.');
    if (now() > p.expires) return fail(res, 403, 'AccessDenied', 'Invalid according to Policy: Policy expired.');
    if (names.at(-1) !== 'file') return fail(res, 400, 'InvalidArgument', 'The file field must be the last field.');
    const key = String(form.get('key') ?? '');
    if (!key.startsWith(`${p.dir}/`)) return fail(res, 403, 'AccessDenied', 'Invalid according to Policy: key outside upload_dir.');
    if (oss.has(key)) return fail(res, 409, 'FileAlreadyExists', 'The object you specified already exists and can not be overwritten.');
    const file = form.get('file');
    if (!(file instanceof Blob)) return fail(res, 400, 'InvalidArgument', 'Missing file.');
    oss.set(key, Buffer.from(await file.arrayBuffer()));
    stats.uploads++;
    res.writeHead(200, { 'Content-Length': 0 }).end();
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname;
    const fault = faults.find((f) => f.remaining > 0 && f.path.test(path));
    let lose = false;
    if (fault && !path.startsWith('/_emulator')) {
      fault.remaining--;
      lose = fault.kind === 'lose';
      if (fault.kind === 'reset') return void req.socket.destroy();
      if (fault.kind === 'status' && path.startsWith('/compatible-mode/')) {
        // The OpenAI-compatible envelope (qwen-mt-api.md §5).
        const code = fault.status === 429 ? 'limit_requests' : fault.status >= 500 ? 'internal_error' : 'invalid_parameter_error';
        return send(res, fault.status, { error: { code, param: null, type: fault.status === 429 ? 'requests' : 'internal_error', message: 'Injected fault.' }, request_id: randomUUID() });
      }
      if (fault.kind === 'status') return fail(res, fault.status, fault.status === 429 ? 'Throttling.RateQuota' : 'InternalError', 'Injected fault.');
      if (fault.kind === 'malformed') return void res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"output": {"task_');
      if (fault.kind === 'slow') await new Promise((r) => setTimeout(r, fault.delayMs));
    }
    const m = req.method ?? 'GET';
    if (m === 'POST' && path === '/compatible-mode/v1/chat/completions') {
      const key = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const raw = (await readBody(req)).toString();
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        body = undefined;
      }
      const reply = await mt.handle(body, key !== undefined && keys.has(key));
      if (reply.status === 429) stats.throttled++;
      if (lose) return void req.socket.destroy(); // processed (and billed when answered 200), then lost
      return send(res, reply.status, reply.body);
    }
    if (m === 'POST' && path === '/api/v1/services/audio/asr/transcription') return submit(req, res);
    if (m === 'POST' && path === '/api/v1/services/aigc/multimodal-generation/generation') {
      if (!authorized(req, res)) return;
      if (throttled('submit', o.submitRps ?? 10)) return fail(res, 429, 'Throttling.RateQuota', 'Requests rate limit exceeded, please try again later.');
      let body: Record<string, unknown>;
      try {
        body = JSON.parse((await readBody(req)).toString()) as Record<string, unknown>;
      } catch {
        return fail(res, 400, 'InvalidParameter', 'The request body is not valid JSON.');
      }
      stats.flashCalls++;
      const reply = await handleFlash(body, req.headers['x-dashscope-sse'] === 'enable', res, {
        workDir, pickScript, topLevel: o.flashTopLevel ?? false, record: (r) => flashRequests.push(r),
      });
      if (reply) send(res, reply.status, reply.body);
      return;
    }
    if (m === 'GET' && path === '/api/v1/tasks') {
      if (!authorized(req, res)) return;
      if (throttled('query', o.queryQps ?? 20)) return fail(res, 429, 'Throttling.RateQuota', 'Requests rate limit exceeded, please try again later.');
      stats.listCalls++;
      return listTasks(url.searchParams, res);
    }
    const taskMatch = /^\/api\/v1\/tasks\/([^/]+)(\/cancel)?$/.exec(path);
    if (taskMatch) {
      if (!authorized(req, res)) return;
      if (throttled('query', o.queryQps ?? 20)) return fail(res, 429, 'Throttling.RateQuota', 'Requests rate limit exceeded, please try again later.');
      const task = tasks.get(decodeURIComponent(taskMatch[1] as string));
      if (taskMatch[2]) {
        if (m !== 'POST') return fail(res, 405, 'MethodNotAllowed', 'Use POST.');
        stats.cancels++;
        if (!task) return fail(res, 404, 'NotFound', 'Task not found.');
        if (task.status !== 'PENDING') return fail(res, 400, 'UnsupportedOperation', `Task in status ${task.status} can not be canceled; only PENDING tasks can.`);
        task.status = 'CANCELED';
        return send(res, 200, { request_id: randomUUID() });
      }
      stats.queries++;
      if (!task) return send(res, 200, { request_id: randomUUID(), output: { task_id: taskMatch[1], task_status: 'UNKNOWN' } });
      return send(res, 200, queryBody(task));
    }
    if (m === 'POST' && path === '/api/v1/services/audio/asr/customization') {
      if (!authorized(req, res)) return;
      stats.vocabularyCalls++;
      let body: { model?: string; input?: Record<string, unknown> };
      try {
        body = JSON.parse((await readBody(req)).toString()) as typeof body;
      } catch {
        return fail(res, 400, 'InvalidParameter', 'The request body is not valid JSON.');
      }
      if (body.model !== 'speech-biasing') return fail(res, 400, 'InvalidParameter', 'model must be speech-biasing.');
      const r = handleVocab(vocab, body.input ?? {}, MODELS, now());
      return send(res, r.status, { request_id: randomUUID(), ...(r.status === 200 ? { usage: { count: 1 } } : {}), ...r.body });
    }
    if (m === 'GET' && path === '/api/v1/uploads') {
      if (!authorized(req, res)) return;
      if (url.searchParams.get('action') !== 'getPolicy') return fail(res, 400, 'InvalidParameter', 'action must be getPolicy.');
      const model = url.searchParams.get('model') ?? '';
      if (!MODELS.has(model)) return fail(res, 404, 'ModelNotFound', `Model not exist: ${model}`);
      const dir = `dashscope-instant/${randomBytes(8).toString('hex')}/${beijing(now()).slice(0, 10)}/${randomUUID()}`;
      const policy = Buffer.from(JSON.stringify({ dir, n: randomUUID() })).toString('base64');
      policies.set(policy, { dir, expires: now() + 300_000 });
      return send(res, 200, {
        request_id: randomUUID(),
        data: {
          policy, signature: createHmac('sha256', secret).update(policy).digest('base64'), upload_dir: dir, upload_host: `${base}/_oss`,
          expire_in_seconds: 300, max_file_size_mb: o.maxUploadMb ?? 100, capacity_limit_mb: 999999999, oss_access_key_id: 'LTAIemulator',
          x_oss_object_acl: 'private', x_oss_forbid_overwrite: 'true',
        },
      });
    }
    if (m === 'POST' && path === '/_oss') return ossUpload(req, res);
    const resultMatch = /^\/_results\/([^/]+)$/.exec(path);
    if (resultMatch && m === 'GET') {
      stats.resultFetches++;
      const name = resultMatch[1] as string;
      const expires = Number(url.searchParams.get('Expires'));
      const sig = createHmac('sha256', secret).update(`${name}:${expires}`).digest('base64url');
      if (url.searchParams.get('Signature') !== sig || now() / 1000 > expires) {
        return void res.writeHead(403, { 'Content-Type': 'application/xml' }).end('<Error><Code>AccessDenied</Code><Message>Request has expired.</Message></Error>');
      }
      const body = results.get(name);
      if (!body) return void res.writeHead(404).end();
      return void res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) }).end(body);
    }
    // Test controls.
    if (path === '/_emulator/scripts' && m === 'POST') {
      const s = JSON.parse((await readBody(req)).toString()) as Script;
      if (!Array.isArray(s.sentences) || typeof s.match !== 'object') return fail(res, 400, 'InvalidParameter', 'need { match, sentences }');
      scripts.unshift(s);
      return send(res, 200, { ok: true, scripts: scripts.length });
    }
    if (path === '/_emulator/stats' && m === 'GET') return send(res, 200, stats);
    if (path === '/_emulator/translations' && m === 'POST') {
      const problem = mt.register(JSON.parse((await readBody(req)).toString()) as Record<string, unknown>);
      return problem ? fail(res, 400, 'InvalidParameter', problem) : send(res, 200, { ok: true });
    }
    if (path === '/_emulator/translations/requests' && m === 'GET') return send(res, 200, mt.requests);
    if (path === '/_emulator/tasks' && m === 'GET') return send(res, 200, taskList());
    if (path === '/_emulator/submissions' && m === 'GET') return send(res, 200, submissions);
    if (path === '/_emulator/flash' && m === 'GET') return send(res, 200, flashRequests);
    if (path === '/_emulator/faults' && m === 'POST') {
      const f = JSON.parse((await readBody(req)).toString()) as { path?: string; kind?: Fault['kind']; status?: number; delayMs?: number; count?: number; clear?: boolean };
      if (f.clear) {
        faults.length = 0;
        return send(res, 200, { ok: true });
      }
      faults.push({ path: new RegExp(f.path ?? '.'), kind: f.kind ?? 'status', status: f.status ?? 500, delayMs: f.delayMs ?? 2000, remaining: f.count ?? 1 });
      return send(res, 200, { ok: true });
    }
    if (path === '/_emulator/clock' && m === 'POST') {
      const c = JSON.parse((await readBody(req)).toString()) as { advanceMs?: number };
      clockOffset += c.advanceMs ?? 0;
      return send(res, 200, { now: now() });
    }
    fail(res, 404, 'NotFound', `No route for ${m} ${path}`);
  }

  function taskList(): EmulatorTask[] {
    return [...tasks.values()].map((k) => ({ taskId: k.id, status: k.status, model: k.model, fileUrls: k.urls, usageSeconds: k.status === 'SUCCEEDED' ? k.usageSeconds : 0, audioHashes: k.audioHashes, submitTime: k.submitTime }));
  }

  const server: Server = createServer((req, res) => {
    route(req, res).catch((e: Error) => {
      if (!res.headersSent) fail(res, 500, 'InternalError', e.message);
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(o.port ?? 0, o.host ?? '127.0.0.1', () => resolve()));
  const addr = server.address() as AddressInfo;
  const url = `http://${o.host ?? '127.0.0.1'}:${addr.port}`;
  base = url;
  return {
    url,
    baseUrl: `${url}/api/v1`,
    stats,
    submissions,
    flashRequests,
    translationRequests: mt.requests,
    tasks: taskList,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await rm(workDir, { recursive: true, force: true });
    },
  };
}

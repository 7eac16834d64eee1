import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { z } from 'zod';
import type { RateLimiter } from '../../core/rate-limiter';
import { retryDelayMs } from '../../core/schedules';
import { FLASH_MODEL, buildFlashMessages, eventSentences, flashEventSchema, mergeSentence, type FlashSentence } from '../../shared/flash';
import { ServiceError, mapServiceError } from './errors';
import { flashError, readSse, type FlashRequest } from './flash-stream';
import {
  errorEnvelopeSchema, submitResponseSchema, taskListSchema, taskQuerySchema, uploadPolicySchema, vocabCreateSchema, vocabListSchema, vocabQuerySchema,
  type TaskQuery, type UploadPolicy, type VocabularyEntry,
} from './schemas';

export interface ClientOptions {
  baseUrl: string;
  apiKey: string;
  workspaceId?: string | undefined;
  fetch?: typeof fetch;
  limiters: { submit: RateLimiter; query: RateLimiter };
  sleep: (ms: number) => Promise<void>;
  random?: () => number;
  /** Attempts for retryable failures (429, 5xx, network), including the first. */
  maxAttempts?: number;
  /** Per-request timeout. */
  timeoutMs?: number;
}

/**
 * True when a failed fetch proves the request never reached the server (nothing listened, no
 * route, no name): only then may a POST that creates billed work be sent again.
 */
export function provablyNotSent(e: unknown): boolean {
  const code = (e as { cause?: { code?: string } }).cause?.code;
  return code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ENETUNREACH' || code === 'EHOSTUNREACH';
}

/** Why a request did not get through, in words, and whether trying again soon can help. */
export function networkFailure(e: unknown, url: string, what: string): ServiceError {
  let host = url;
  try {
    host = new URL(url).host;
  } catch {
    // keep the URL as given
  }
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? '';
  const why =
    code === 'ENOTFOUND' ? 'the host name could not be resolved'
      : code === 'EAI_AGAIN' ? 'the name server did not answer'
        : code === 'ECONNREFUSED' ? 'the connection was refused'
          : code === 'ENETUNREACH' || code === 'EHOSTUNREACH' ? 'there is no route to it'
            : code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT' || (e as Error).name === 'TimeoutError' ? 'it did not answer in time'
              : code === 'ECONNRESET' ? 'the connection was reset'
                : code || cause?.message || (e as Error).message;
  const check = 'Check the network connection, any proxy (HTTPS_PROXY), the region ("captioner config get region") and the base URL ("captioner config get baseUrl").';
  // A name that does not resolve will not resolve a second later: fail at once instead of waiting out retries.
  return new ServiceError('SERVICE_NETWORK', `Could not reach the service at ${host} for ${what}: ${why}. ${check}`, code !== 'ENOTFOUND', undefined, undefined, undefined, { host, ...(code ? { cause: code } : {}) });
}

const CONTENT_TYPES: Record<string, string> = { opus: 'audio/ogg', ogg: 'audio/ogg', m4a: 'audio/mp4', mp4: 'video/mp4', mp3: 'audio/mpeg', wav: 'audio/x-wav', flac: 'audio/flac', aac: 'audio/aac', webm: 'audio/webm', amr: 'audio/amr' };
export const contentTypeOf = (name: string): string => CONTENT_TYPES[/\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? ''] ?? 'application/octet-stream';

/** A listed task (§1.2, §3.4): the list gives ids and states; files are read with a query. */
export interface ListedTask {
  taskId: string;
  status?: string;
}

export interface SubmitRequest {
  model: string;
  fileUrls: string[];
  /** Always sent, even empty: the workspace host fails recognition without it (§1.1). */
  parameters: Record<string, unknown>;
}

/** The Fun-ASR async API. Holds the key but never logs it or puts it in an error. */
export class DashScopeClient {
  private readonly fetchFn: typeof fetch;
  private readonly random: () => number;

  constructor(private readonly o: ClientOptions) {
    if (!o.apiKey) throw new ServiceError('SERVICE_NO_KEY', 'No DashScope API key is set. Set DASHSCOPE_API_KEY or save a key in the settings.', false);
    this.fetchFn = o.fetch ?? fetch;
    this.random = o.random ?? Math.random;
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return {
      Authorization: `Bearer ${this.o.apiKey}`,
      Accept: 'application/json; charset=utf-8',
      'User-Agent': 'captioner/0.1',
      ...(this.o.workspaceId ? { 'X-DashScope-WorkSpace': this.o.workspaceId } : {}),
      ...extra,
    };
  }

  /** One HTTP exchange with retries for retryable failures; the body is validated by `schema`. */
  private async call<S extends z.ZodType>(
    what: string,
    url: string,
    init: { method: string; headers?: Record<string, string>; body?: string | FormData },
    schema: S,
    limiter?: RateLimiter,
    /**
     * A request that creates billed work (a submit): it is sent again only when the failure
     * proves the service did not act on it (connection refused, throttled with 429). Any other
     * failure after sending throws SUBMIT_AMBIGUOUS, for the caller to resolve by looking.
     */
    once = false,
  ): Promise<z.infer<S>> {
    const attempts = this.o.maxAttempts ?? 5;
    let last: ServiceError | undefined;
    let unreachable = 0;
    const ambiguous = (why: string, status?: number): ServiceError =>
      new ServiceError('SUBMIT_AMBIGUOUS', `The ${what} request got no usable answer (${why}); the service may have accepted it, so it is not sent again before Captioner has looked for the task.`, true, status);
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0) await this.o.sleep(retryDelayMs(attempt - 1, this.random));
      const slot = await limiter?.take();
      let res: Response;
      try {
        res = await this.fetchFn(url, { ...init, signal: AbortSignal.timeout(this.o.timeoutMs ?? 60_000) }).finally(() => slot?.settle());
      } catch (e) {
        if (once && !provablyNotSent(e)) throw ambiguous((e as Error).message);
        last = networkFailure(e, url, what);
        // Unreachable is rarely fixed in seconds: three tries, then say what to check (the job
        // runner and the next run go on from where this stopped).
        if (!last.retryable || ++unreachable >= 3) throw last;
        continue;
      }
      let text: string;
      try {
        text = await res.text();
      } catch (e) {
        if (once) throw ambiguous(`the connection broke while reading the response: ${(e as Error).message}`, res.status);
        last = new ServiceError('SERVICE_NETWORK', `The connection broke while reading the ${what} response: ${(e as Error).message}`, true, res.status);
        continue;
      }
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : {};
      } catch {
        if (once && (res.ok || res.status >= 500)) throw ambiguous(`HTTP ${res.status} with a body that is not JSON`, res.status);
        last = new ServiceError('SERVICE_BAD_RESPONSE', `The ${what} response was not JSON (HTTP ${res.status}).`, res.status >= 500 || res.ok, res.status);
        continue;
      }
      if (!res.ok) {
        const env = errorEnvelopeSchema.safeParse(body);
        last = mapServiceError(res.status, env.data?.code, env.data?.message, env.data?.request_id);
        if (!last.retryable) throw last;
        // A 5xx may come after the service acted on the request; a 429 never does.
        if (once && res.status !== 429) throw ambiguous(`HTTP ${res.status}`, res.status);
        continue;
      }
      const parsed = schema.safeParse(body);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        if (once) throw ambiguous(`an unexpected body: ${issue?.path.join('.') || '(root)'} ${issue?.message ?? ''}`.trim(), res.status);
        throw new ServiceError('SERVICE_BAD_RESPONSE', `Unexpected ${what} response: ${issue?.path.join('.') || '(root)'} ${issue?.message ?? ''}`.trim(), false, res.status);
      }
      return parsed.data;
    }
    throw last ?? new ServiceError('SERVICE_NETWORK', `${what} failed.`, true);
  }

  async submit(req: SubmitRequest): Promise<{ taskId: string; requestId?: string }> {
    const oss = req.fileUrls.some((u) => u.startsWith('oss://'));
    const body = JSON.stringify({ model: req.model, input: { file_urls: req.fileUrls }, parameters: req.parameters });
    const headers = this.headers({ 'Content-Type': 'application/json', 'X-DashScope-Async': 'enable', ...(oss ? { 'X-DashScope-OssResourceResolve': 'enable' } : {}) });
    const r = await this.call('submit', `${this.o.baseUrl}/services/audio/asr/transcription`, { method: 'POST', headers, body }, submitResponseSchema, this.o.limiters.submit, true);
    return r.request_id ? { taskId: r.output.task_id, requestId: r.request_id } : { taskId: r.output.task_id };
  }

  query(taskId: string): Promise<TaskQuery> {
    return this.call('task query', `${this.o.baseUrl}/tasks/${encodeURIComponent(taskId)}`, { method: 'GET', headers: this.headers() }, taskQuerySchema, this.o.limiters.query);
  }

  /**
   * One page of the task list (§1.2, §3.4: the last 24 h only). The body's layout is not
   * documented: `data` at the top or under `output`, `status` or `task_status` are all read.
   * Times are `YYYYMMDDhhmmss`, sent as Beijing time like every other time of the API.
   */
  async listTasks(f: { startMs: number; endMs: number; model?: string; pageNo?: number; pageSize?: number }): Promise<{ tasks: ListedTask[]; more: boolean }> {
    const bj = (ms: number): string => new Date(ms + 8 * 3600_000).toISOString().replace(/[-:T]/g, '').slice(0, 14);
    const q = new URLSearchParams({ start_time: bj(f.startMs), end_time: bj(f.endMs), page_no: String(f.pageNo ?? 1), page_size: String(f.pageSize ?? 100) });
    if (f.model) q.set('model_name', f.model);
    const r = await this.call('task list', `${this.o.baseUrl}/tasks?${q}`, { method: 'GET', headers: this.headers() }, taskListSchema, this.o.limiters.query);
    const src = r.data ?? r.output?.data ?? [];
    const tasks = src.map((t) => ({ taskId: t.task_id, ...(t.status ?? t.task_status ? { status: t.status ?? t.task_status } : {}) }) as ListedTask);
    const pageNo = r.page_no ?? r.output?.page_no ?? f.pageNo ?? 1;
    const totalPages = r.total_page ?? r.output?.total_page;
    const more = totalPages !== undefined ? pageNo < totalPages : tasks.length >= (f.pageSize ?? 100);
    return { tasks, more };
  }

  /** Works only while the task is PENDING (§3.4); the service errors otherwise. */
  async cancel(taskId: string): Promise<void> {
    await this.call('task cancel', `${this.o.baseUrl}/tasks/${encodeURIComponent(taskId)}/cancel`, { method: 'POST', headers: this.headers() }, errorEnvelopeSchema, this.o.limiters.query);
  }

  /** The result JSON at a pre-signed URL: no auth header (it would leak the key to OSS). */
  async fetchResult(url: string): Promise<{ raw: string; json: unknown }> {
    const attempts = this.o.maxAttempts ?? 5;
    let last: ServiceError | undefined;
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0) await this.o.sleep(retryDelayMs(attempt - 1, this.random));
      try {
        const res = await this.fetchFn(url, { signal: AbortSignal.timeout(this.o.timeoutMs ?? 120_000) });
        const raw = await res.text();
        if (res.status === 403 || res.status === 404) throw new ServiceError('SERVICE_RESULT_EXPIRED', 'The result download link has expired (results are kept 24 h).', false, res.status);
        if (!res.ok) {
          last = new ServiceError('SERVICE_UNAVAILABLE', `Result download failed with HTTP ${res.status}.`, true, res.status);
          continue;
        }
        try {
          return { raw, json: JSON.parse(raw) };
        } catch {
          last = new ServiceError('SERVICE_BAD_RESPONSE', 'The result file was not valid JSON.', true, res.status);
        }
      } catch (e) {
        if (e instanceof ServiceError && !e.retryable) throw e;
        last = e instanceof ServiceError ? e : new ServiceError('SERVICE_NETWORK', `Could not download the result: ${(e as Error).message}`, true);
      }
    }
    throw last ?? new ServiceError('SERVICE_NETWORK', 'Result download failed.', true);
  }

  /**
   * Fun-ASR-Flash over SSE (§8): each finished sentence is merged as it arrives (duplicates and
   * drifting ids handled) and reported through onSentence, so captions appear while it runs.
   */
  async flash(req: FlashRequest, onSentence?: (all: FlashSentence[]) => void): Promise<{ sentences: FlashSentence[]; text: string; usageSeconds?: number }> {
    const body = JSON.stringify({
      model: req.model ?? FLASH_MODEL,
      input: { messages: buildFlashMessages(req.dataUri, req.context) },
      parameters: { format: req.format, sample_rate: String(req.sampleRate), ...(req.language ? { language_hints: [req.language] } : {}), ...(req.vocabularyId ? { vocabulary_id: req.vocabularyId } : {}) },
    });
    const headers = this.headers({ 'Content-Type': 'application/json', 'X-DashScope-SSE': 'enable', Accept: 'text/event-stream' });
    const attempts = this.o.maxAttempts ?? 5;
    for (let attempt = 0; ; attempt++) {
      if (attempt > 0) await this.o.sleep(retryDelayMs(attempt - 1, this.random));
      const slot = await this.o.limiters.submit.take();
      let res: Response;
      try {
        res = await this.fetchFn(`${this.o.baseUrl}/services/aigc/multimodal-generation/generation`, { method: 'POST', headers, body, signal: req.signal ? AbortSignal.any([req.signal, AbortSignal.timeout(this.o.timeoutMs ?? 600_000)]) : AbortSignal.timeout(this.o.timeoutMs ?? 600_000) }).finally(() => slot.settle());
      } catch (e) {
        // A quick call is billed when it runs: resend only what provably never arrived.
        if (req.signal?.aborted || attempt + 1 >= attempts || !provablyNotSent(e)) throw new ServiceError('SERVICE_NETWORK', `Quick transcription could not reach the service: ${(e as Error).message}`, true);
        continue;
      }
      if (!res.ok) {
        const env = errorEnvelopeSchema.safeParse(await res.json().catch(() => ({})));
        const err = flashError(res.status, env.data?.code, env.data?.message, env.data?.request_id);
        if (err === 'no-speech') return { sentences: [], text: '' };
        if (!err.retryable || attempt + 1 >= attempts) throw err;
        continue;
      }
      let sentences: FlashSentence[] = [];
      let text = '';
      let usageSeconds: number | undefined;
      const streamed = (res.headers.get('content-type') ?? '').includes('text/event-stream');
      const handle = (raw: string, status: number): void => {
        let json: unknown;
        try {
          json = JSON.parse(raw);
        } catch {
          throw new ServiceError('SERVICE_BAD_RESPONSE', 'A quick-mode event was not JSON.', false);
        }
        if (status >= 400) {
          const env = errorEnvelopeSchema.safeParse(json);
          const err = flashError(status, env.data?.code, env.data?.message, env.data?.request_id);
          if (err === 'no-speech') return;
          throw err;
        }
        const e = flashEventSchema.safeParse(json);
        if (!e.success) throw new ServiceError('SERVICE_BAD_RESPONSE', `Unexpected quick-mode event: ${e.error.issues[0]?.path.join('.')} ${e.error.issues[0]?.message}`, false);
        for (const st of eventSentences(e.data)) sentences = mergeSentence(sentences, st);
        text = e.data.text ?? e.data.output?.text ?? text;
        usageSeconds = e.data.usage?.duration ?? usageSeconds;
        onSentence?.(sentences);
      };
      if (!streamed) handle(await res.text(), res.status);
      else await readSse(res, handle);
      return usageSeconds === undefined ? { sentences, text } : { sentences, text, usageSeconds };
    }
  }

  // Hotword lists (§6): one endpoint, an action per call.
  private vocab<S extends z.ZodType>(input: Record<string, unknown>, schema: S): Promise<z.infer<S>> {
    // The SDK always sends an (empty) parameters object with vocabulary calls.
    const body = JSON.stringify({ model: 'speech-biasing', input, parameters: {} });
    return this.call(`vocabulary ${String(input.action)}`, `${this.o.baseUrl}/services/audio/asr/customization`, { method: 'POST', headers: this.headers({ 'Content-Type': 'application/json' }), body }, schema, this.o.limiters.submit);
  }
  async createVocabulary(targetModel: string, prefix: string, vocabulary: VocabularyEntry[]): Promise<string> {
    const r = await this.vocab({ action: 'create_vocabulary', target_model: targetModel, prefix, vocabulary }, vocabCreateSchema);
    return r.output.vocabulary_id;
  }
  async listVocabularies(prefix?: string, pageIndex = 0, pageSize = 10): Promise<z.infer<typeof vocabListSchema>['output']['vocabulary_list']> {
    const r = await this.vocab({ action: 'list_vocabulary', ...(prefix ? { prefix } : {}), page_index: pageIndex, page_size: pageSize }, vocabListSchema);
    return r.output.vocabulary_list;
  }
  async queryVocabulary(id: string): Promise<z.infer<typeof vocabQuerySchema>['output']> {
    return (await this.vocab({ action: 'query_vocabulary', vocabulary_id: id }, vocabQuerySchema)).output;
  }
  async updateVocabulary(id: string, vocabulary: VocabularyEntry[]): Promise<void> {
    await this.vocab({ action: 'update_vocabulary', vocabulary_id: id, vocabulary }, errorEnvelopeSchema);
  }
  async deleteVocabulary(id: string): Promise<void> {
    await this.vocab({ action: 'delete_vocabulary', vocabulary_id: id }, errorEnvelopeSchema);
  }

  /** Temporary upload (§7): policy, multipart POST to the upload host, then an oss:// URL valid 48 h. */
  async uploadFile(model: string, path: string, uniqueName: string): Promise<{ url: string; policy: UploadPolicy }> {
    const r = await this.call('upload policy', `${this.o.baseUrl}/uploads?action=getPolicy&model=${encodeURIComponent(model)}`, { method: 'GET', headers: this.headers() }, uploadPolicySchema, this.o.limiters.query);
    const p = r.data;
    const bytes = await readFile(path);
    if (p.max_file_size_mb && bytes.length > p.max_file_size_mb * 1024 * 1024) {
      const mb = (bytes.length / 1048576).toFixed(1);
      const facts = { name: basename(path), mb, limitMb: p.max_file_size_mb, model };
      throw new ServiceError('UPLOAD_TOO_LARGE', `${basename(path)} is ${mb} MB; temporary upload accepts at most ${p.max_file_size_mb} MB for ${model}. Use signed-URL delivery with a public base URL instead.`, false, undefined, undefined, undefined, facts);
    }
    // ASCII-only, unique key: CJK or spaces in the key break the download, and overwrite is forbidden.
    const key = `${p.upload_dir}/${uniqueName.replace(/[^A-Za-z0-9._-]/g, '_')}`;
    const form = new FormData();
    form.append('OSSAccessKeyId', p.oss_access_key_id);
    form.append('Signature', p.signature);
    form.append('policy', p.policy);
    form.append('key', key);
    form.append('x-oss-object-acl', p.x_oss_object_acl ?? 'private');
    form.append('x-oss-forbid-overwrite', p.x_oss_forbid_overwrite ?? 'true');
    // As the SDK does: the object's type, from the file name (stored with the object).
    form.append('x-oss-content-type', contentTypeOf(key));
    form.append('success_action_status', '200');
    form.append('file', new Blob([bytes]), basename(key)); // must be the last field
    const attempts = this.o.maxAttempts ?? 5;
    for (let attempt = 0; ; attempt++) {
      if (attempt > 0) await this.o.sleep(retryDelayMs(attempt - 1, this.random));
      let res: Response;
      try {
        res = await this.fetchFn(p.upload_host, { method: 'POST', body: form, signal: AbortSignal.timeout(this.o.timeoutMs ?? 600_000) });
      } catch (e) {
        if (attempt + 1 >= attempts) throw new ServiceError('SERVICE_NETWORK', `Upload failed: ${(e as Error).message}`, true);
        continue;
      }
      const text = await res.text().catch(() => '');
      if (res.ok) return { url: `oss://${key}`, policy: p };
      // The key is unique to this attempt: "already exists" on a resend means our lost first send landed.
      if (res.status === 409 && attempt > 0) return { url: `oss://${key}`, policy: p };
      const retryable = res.status >= 500 || res.status === 429;
      if (!retryable || attempt + 1 >= attempts) {
        const expired = /Policy expired/i.test(text);
        throw new ServiceError('UPLOAD_FAILED', `Upload to temporary storage failed with HTTP ${res.status}${expired ? ' (policy expired)' : ''}.`, retryable, res.status, undefined, undefined, expired ? { reason: 'POLICY_EXPIRED' } : undefined);
      }
    }
  }
}

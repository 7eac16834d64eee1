import { z } from 'zod';
import type { TokenRateLimiter } from '../../core/rate-limiter';
import { retryDelayMs } from '../../core/schedules';
import { networkFailure, provablyNotSent } from './client';
import { ServiceError, mapMtError } from './errors';

/**
 * Qwen-MT through DashScope's OpenAI-compatible endpoint (docs/qwen-mt-api.md): the same host and
 * key as Fun-ASR. A translation is billed when it runs and leaves nothing to look up afterwards,
 * so a request is sent again only when it provably never reached the service (connection refused,
 * no route, no name) or the service refused it before working (429, 5xx). Anything else after
 * sending (reset, timeout, an unreadable answer) is MT_RESPONSE_LOST: the job decides, once.
 */

export interface MtPair {
  source: string;
  target: string;
}

export interface MtRequest {
  model: string;
  content: string;
  /** English names (§3), or 'auto' for the source. */
  sourceLang: string;
  targetLang: string;
  terms?: MtPair[];
  tmList?: MtPair[];
  domains?: string;
}

export interface MtAnswer {
  content: string;
  /** 'length' means the output was cut (§4). */
  finishReason: string;
  promptTokens: number;
  completionTokens: number;
  requestId?: string;
  /** Attempts refused by 429 before this answer (for the job's statistics). */
  throttled: number;
}

export interface MtClientOptions {
  baseUrl: string;
  apiKey: string;
  workspaceId?: string | undefined;
  fetch?: typeof fetch;
  /** The shared limiter of the model (requests and tokens per minute). */
  limiter: (model: string) => TokenRateLimiter;
  sleep: (ms: number) => Promise<void>;
  random?: () => number;
  /** Attempts for refused requests (429, 5xx, unreachable), the first included. */
  maxAttempts?: number;
  timeoutMs?: number;
}

const answerSchema = z.object({
  id: z.string().optional(),
  request_id: z.string().optional(),
  choices: z.array(z.object({ finish_reason: z.string().nullable().optional(), message: z.object({ content: z.string().nullable() }) })).min(1),
  usage: z.object({ prompt_tokens: z.number().int().nonnegative(), completion_tokens: z.number().int().nonnegative() }),
});
const mtErrorSchema = z.object({
  error: z.object({ code: z.union([z.string(), z.number()]).nullable().optional(), message: z.string().optional(), type: z.string().optional() }).optional(),
  // The native envelope, should a gateway answer with it.
  code: z.string().optional(),
  message: z.string().optional(),
  request_id: z.string().optional(),
});

/** `{host}/compatible-mode/v1/chat/completions` from the configured base URL (…/api/v1), prefix kept. */
export function compatibleModeUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '').replace(/\/api\/v1$/, '')}/compatible-mode/v1/chat/completions`;
}

/** Seconds from a Retry-After header (seconds or an HTTP date), capped at two minutes. */
function retryAfterMs(h: string | null, now: number): number | undefined {
  if (!h) return undefined;
  const s = Number(h);
  const ms = Number.isFinite(s) ? s * 1000 : Date.parse(h) - now;
  return Number.isFinite(ms) && ms >= 0 ? Math.min(ms, 120_000) : undefined;
}

export class MtClient {
  private readonly fetchFn: typeof fetch;
  private readonly random: () => number;
  readonly url: string;

  constructor(private readonly o: MtClientOptions) {
    if (!o.apiKey) throw new ServiceError('SERVICE_NO_KEY', 'No DashScope API key is set. Set DASHSCOPE_API_KEY or save a key in the settings; translation uses the same key as transcription.', false);
    this.fetchFn = o.fetch ?? fetch;
    this.random = o.random ?? Math.random;
    this.url = compatibleModeUrl(o.baseUrl);
  }

  /** One translation; `estimate` is the tokens (input and output) the limiter reserves before sending. */
  async translate(req: MtRequest, estimate: number, signal?: AbortSignal): Promise<MtAnswer> {
    const options: Record<string, unknown> = { source_lang: req.sourceLang, target_lang: req.targetLang };
    if (req.terms?.length) options.terms = req.terms;
    if (req.tmList?.length) options.tm_list = req.tmList;
    if (req.domains) options.domains = req.domains;
    const body = JSON.stringify({ model: req.model, messages: [{ role: 'user', content: req.content }], translation_options: options });
    const headers: Record<string, string> = {
      Authorization: `Bearer ${this.o.apiKey}`,
      'Content-Type': 'application/json',
      Accept: 'application/json; charset=utf-8',
      'User-Agent': 'captioner/0.1',
      ...(this.o.workspaceId ? { 'X-DashScope-WorkSpace': this.o.workspaceId } : {}),
    };
    const attempts = this.o.maxAttempts ?? 6;
    const limiter = this.o.limiter(req.model);
    const lost = (why: string, status?: number): ServiceError =>
      new ServiceError('MT_RESPONSE_LOST', `The translation request got no usable answer (${why}); the service may have translated and billed it.`, true, status);
    let last: ServiceError | undefined;
    let unreachable = 0;
    let throttled = 0;
    let wait = 0;
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0) await this.o.sleep(Math.max(wait, retryDelayMs(attempt - 1, this.random)));
      if (signal?.aborted) throw new ServiceError('CANCELED', 'Canceled.', false);
      wait = 0;
      const lease = await limiter.take(estimate);
      let res: Response;
      try {
        res = await this.fetchFn(this.url, { method: 'POST', headers, body, signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(this.o.timeoutMs ?? 120_000)]) : AbortSignal.timeout(this.o.timeoutMs ?? 120_000) });
      } catch (e) {
        if (provablyNotSent(e)) {
          lease.settle(0);
          last = networkFailure(e, this.url, 'translation');
          if (!last.retryable || ++unreachable >= 3) throw last;
          continue;
        }
        lease.settle(estimate);
        if (signal?.aborted) throw new ServiceError('CANCELED', 'Canceled.', false);
        throw lost((e as Error).message);
      }
      let text: string;
      try {
        text = await res.text();
      } catch (e) {
        lease.settle(estimate);
        throw lost(`the connection broke while reading the answer: ${(e as Error).message}`, res.status);
      }
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : {};
      } catch {
        lease.settle(res.ok ? estimate : 0);
        if (res.ok) throw lost(`HTTP ${res.status} with a body that is not JSON`, res.status);
        last = new ServiceError('SERVICE_UNAVAILABLE', `The translation service answered HTTP ${res.status} without a readable body.`, res.status >= 500 || res.status === 429, res.status);
        if (!last.retryable) throw last;
        continue;
      }
      if (!res.ok) {
        lease.settle(0);
        const env = mtErrorSchema.safeParse(json);
        const code = env.data?.error?.code ?? env.data?.code;
        last = mapMtError(res.status, code === null || code === undefined ? undefined : String(code), env.data?.error?.message ?? env.data?.message, req.model, env.data?.request_id);
        // Refused before any work: 429 (throttled) and 5xx are sent again; everything else is final.
        if (!last.retryable) throw last;
        if (res.status === 429) {
          throttled++;
          wait = retryAfterMs(res.headers.get('retry-after'), Date.now()) ?? 0;
        }
        continue;
      }
      const parsed = answerSchema.safeParse(json);
      if (!parsed.success) {
        lease.settle(estimate);
        const issue = parsed.error.issues[0];
        throw lost(`an unexpected answer: ${issue?.path.join('.') || '(root)'} ${issue?.message ?? ''}`.trim(), res.status);
      }
      const a = parsed.data;
      lease.settle(a.usage.prompt_tokens + a.usage.completion_tokens);
      const choice = a.choices[0] as (typeof a.choices)[number];
      const requestId = a.request_id ?? a.id;
      return {
        content: choice.message.content ?? '', finishReason: choice.finish_reason ?? 'stop', promptTokens: a.usage.prompt_tokens, completionTokens: a.usage.completion_tokens, throttled,
        ...(requestId ? { requestId } : {}),
      };
    }
    throw last ?? new ServiceError('SERVICE_NETWORK', 'Translation failed.', true);
  }
}

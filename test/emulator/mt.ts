import { randomUUID } from 'node:crypto';

/**
 * Qwen-MT through the OpenAI-compatible endpoint (docs/qwen-mt-api.md):
 * `POST /compatible-mode/v1/chat/completions` for the qwen-mt models. Validates the request as the
 * documentation describes, enforces per-model requests and tokens per minute in a sliding window
 * (plus the per-second burst reading of §6), and answers deterministically: translations tests
 * registered, looked up for the whole content first and then line by line, else a visible
 * placeholder `[en] <source>`. Independent of Captioner's code on purpose: it is the service.
 */

export const MT_MODELS = new Set(['qwen-mt-plus', 'qwen-mt-flash', 'qwen-mt-lite', 'qwen-mt-turbo']);

/** Names and codes of the 92 languages (§8); names are what every edition accepts, codes the newest guide adds. */
const LANGS: [string, string][] = [
  ['English', 'en'], ['Chinese', 'zh'], ['Traditional Chinese', 'zh_tw'], ['Cantonese', 'yue'], ['Japanese', 'ja'], ['Korean', 'ko'], ['French', 'fr'],
  ['Spanish', 'es'], ['German', 'de'], ['Portuguese', 'pt'], ['Italian', 'it'], ['Russian', 'ru'], ['Arabic', 'ar'], ['Thai', 'th'], ['Vietnamese', 'vi'],
  ['Indonesian', 'id'], ['Malay', 'ms'], ['Hindi', 'hi'], ['Turkish', 'tr'], ['Dutch', 'nl'], ['Polish', 'pl'], ['Ukrainian', 'uk'], ['Swedish', 'sv'],
  ['Czech', 'cs'], ['Greek', 'el'], ['Hebrew', 'he'], ['Danish', 'da'], ['Finnish', 'fi'], ['Hungarian', 'hu'], ['Romanian', 'ro'], ['Bengali', 'bn'],
  ['Urdu', 'ur'], ['Tagalog', 'tl'], ['Khmer', 'km'], ['Lao', 'lo'], ['Burmese', 'my'], ['Tamil', 'ta'], ['Telugu', 'te'], ['Western Persian', 'fa'],
  ['Norwegian Bokmål', 'nb'], ['Bulgarian', 'bg'], ['Serbian', 'sr'], ['Croatian', 'hr'], ['Slovak', 'sk'], ['Slovenian', 'sl'], ['Lithuanian', 'lt'],
  ['Latvian', 'lv'], ['Estonian', 'et'], ['Catalan', 'ca'], ['Basque', 'eu'], ['Galician', 'gl'], ['Welsh', 'cy'], ['Swahili', 'sw'], ['Afrikaans', 'af'],
  ['Norwegian Nynorsk', 'nn'], ['Bosnian', 'bs'], ['Macedonian', 'mk'], ['Belarusian', 'be'], ['Icelandic', 'is'], ['Albanian', 'sq'], ['Armenian', 'hy'],
  ['Georgian', 'ka'], ['Azerbaijani', 'az'], ['Kazakh', 'kk'], ['Uzbek', 'uz'], ['Tajik', 'tg'], ['Nepali', 'ne'], ['Marathi', 'mr'], ['Gujarati', 'gu'],
  ['Punjabi', 'pa'], ['Kannada', 'kn'], ['Malayalam', 'ml'], ['Sinhala', 'si'], ['Oriya', 'or'], ['Assamese', 'as'], ['Maithili', 'mai'], ['Sindhi', 'sd'],
  ['Javanese', 'jv'], ['Sundanese', 'su'], ['Cebuano', 'ceb'], ['Maltese', 'mt'], ['Luxembourgish', 'lb'], ['Irish', 'ga'], ['Occitan', 'oc'],
  ['Egyptian Arabic', 'arz'], ['Mesopotamian Arabic', 'acm'], ['Najdi Arabic', 'ars'], ['Levantine Arabic', 'apc'], ['Moroccan Arabic', 'ary'],
  ['Tunisian Arabic', 'aeb'], ['Ta’izzi-Adeni Arabic', 'acq'], ['Limburgish', 'li'],
];
const BY_KEY = new Map<string, string>(LANGS.flatMap(([name, code]) => [[name.toLowerCase(), code], [code.toLowerCase(), code]] as [string, string][]));
/** qwen-mt-lite covers 31 languages (the -us model page). */
const LITE = new Set('en zh zh_tw yue ja ko fr es de pt it ru ar th vi id ms hi tr nl pl uk sv cs el he da fi hu ro tl'.split(' '));

export const langCode = (v: string): string | undefined => BY_KEY.get(v.trim().toLowerCase());

const CJK = /[\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/u;
/** The service's token count, as the emulator bills it: one per CJK character, one per four other characters. */
export function mtTokens(text: string): number {
  let cjk = 0;
  let other = 0;
  for (const ch of text) {
    if (CJK.test(ch)) cjk++;
    else other++;
  }
  return cjk + Math.ceil(other / 4);
}
/** The prompt template the service wraps around the text (counted in prompt_tokens, not in the input limit). */
const TEMPLATE_TOKENS = 12;

export interface MtOptions {
  /** Requests per window per model (default 60). */
  rpm?: number;
  /** Tokens (prompt + completion) per window per model (default 35,000). */
  tpm?: number;
  /** The window the limits count in (default 60,000 ms; tests scale it down). */
  windowMs?: number;
  /** Also enforce the per-second reading: at most ceil(rpm per second) in any second (default true). */
  burst?: boolean;
  /** Input limit in tokens (text + terms + memory + domains); the smallest documented reading is 1,024. */
  maxInputTokens?: number;
  /** Time each translation takes (default 5 ms). */
  delayMs?: number;
}

export interface MtRequestRecord {
  model: string;
  content: string;
  sourceLang: string;
  targetLang: string;
  terms: { source: string; target: string }[];
  tmList: { source: string; target: string }[];
  domains?: string;
  status: number;
  promptTokens: number;
  completionTokens: number;
  at: number;
}

export interface MtStats {
  calls: number;
  throttled: number;
  promptTokens: number;
  completionTokens: number;
  /** Tokens of answered (200) calls: what the account is billed. */
  billedTokens: number;
}

type Reply = { status: number; body: Record<string, unknown> };

export function createMt(o: MtOptions = {}) {
  const registered = new Map<string, string>();
  const requests: MtRequestRecord[] = [];
  const stats: MtStats = { calls: 0, throttled: 0, promptTokens: 0, completionTokens: 0, billedTokens: 0 };
  const windows = new Map<string, { at: number; tokens: number }[]>();
  const windowMs = o.windowMs ?? 60_000;
  const rpm = o.rpm ?? 60;
  const tpm = o.tpm ?? 35_000;

  const err = (status: number, code: string, type: string, message: string): Reply => ({
    status,
    body: { error: { code, param: null, type, message }, id: `chatcmpl-${randomUUID()}`, request_id: randomUUID() },
  });
  const invalid = (message: string): Reply => err(400, 'invalid_parameter_error', 'invalid_request_error', `<400> InternalError.Algo.InvalidParameter: ${message}`);

  const pairs = (v: unknown, what: string): { source: string; target: string }[] | string => {
    if (v === undefined) return [];
    if (!Array.isArray(v)) return `${what} must be an array of {source, target}`;
    for (const p of v) if (!p || typeof p !== 'object' || typeof (p as { source?: unknown }).source !== 'string' || typeof (p as { target?: unknown }).target !== 'string') return `${what} must be an array of {source, target}`;
    return v as { source: string; target: string }[];
  };

  function translate(content: string, target: string): string {
    const whole = registered.get(`${target}\n${content}`) ?? registered.get(`*\n${content}`);
    if (whole !== undefined) return whole;
    return content
      .split('\n')
      .map((line) => (line.trim() === '' ? line : registered.get(`${target}\n${line}`) ?? registered.get(`*\n${line}`) ?? `[${target}] ${line}`))
      .join('\n');
  }

  /** Sliding-window admission per model: requests, tokens and the per-second burst. */
  function admit(model: string, tokens: number, now: number): string | null {
    const w = windows.get(model) ?? [];
    windows.set(model, w);
    while (w.length && (w[0] as { at: number }).at <= now - windowMs) w.shift();
    if (w.length + 1 > rpm) return 'Requests rate limit exceeded, please try again later.';
    if (o.burst !== false) {
      const perSecond = Math.max(1, Math.ceil((rpm * 1000) / windowMs));
      if (w.filter((e) => e.at > now - 1000).length + 1 > perSecond) return 'Request rate increased too quickly. To ensure system stability, please adjust your client logic to scale requests more smoothly over time.';
    }
    const used = w.reduce((n, e) => n + e.tokens, 0);
    if (used + tokens > tpm) return 'Allocated quota exceeded, please increase your quota limit.';
    w.push({ at: now, tokens });
    return null;
  }

  async function handle(body: unknown, authorized: boolean): Promise<Reply> {
    if (!authorized) return err(401, 'invalid_api_key', 'invalid_request_error', 'Incorrect API key provided. ');
    if (!body || typeof body !== 'object' || Array.isArray(body)) return invalid('The request body is not valid JSON.');
    const b = body as Record<string, unknown>;
    const model = typeof b.model === 'string' ? b.model : '';
    if (!model) return invalid('Missing required parameter: model.');
    if (!MT_MODELS.has(model)) return err(404, 'model_not_found', 'invalid_request_error', `The model \`${model}\` does not exist or you do not have access to it.`);
    const messages = b.messages;
    if (!Array.isArray(messages) || messages.length !== 1) return invalid('messages must contain exactly one message with role user.');
    const msg = messages[0] as { role?: unknown; content?: unknown };
    if (msg?.role !== 'user') return invalid('messages must contain exactly one message with role user.');
    if (typeof msg.content !== 'string') return invalid('message content must be a string.');
    const opts = b.translation_options;
    if (!opts || typeof opts !== 'object' || Array.isArray(opts)) return invalid('translation_options is required for qwen-mt models.');
    const t = opts as Record<string, unknown>;
    if (typeof t.target_lang !== 'string') return invalid('translation_options.target_lang is required.');
    if (typeof t.source_lang !== 'string') return invalid('translation_options.source_lang is required.');
    const target = langCode(t.target_lang);
    const source = t.source_lang.trim().toLowerCase() === 'auto' ? 'auto' : langCode(t.source_lang);
    if (!target) return invalid(`The target_lang '${t.target_lang}' is not supported.`);
    if (!source) return invalid(`The source_lang '${t.source_lang}' is not supported.`);
    if (model === 'qwen-mt-lite' && (!LITE.has(target) || (source !== 'auto' && !LITE.has(source)))) return invalid(`The language pair ${t.source_lang} → ${t.target_lang} is not supported by ${model}.`);
    const terms = pairs(t.terms, 'terms');
    if (typeof terms === 'string') return invalid(terms);
    const tmList = pairs(t.tm_list, 'tm_list');
    if (typeof tmList === 'string') return invalid(tmList);
    if (t.domains !== undefined && typeof t.domains !== 'string') return invalid('domains must be a string.');
    const domains = t.domains as string | undefined;
    const content = msg.content;
    const extra = [...terms, ...tmList].reduce((n, p) => n + mtTokens(p.source) + mtTokens(p.target), 0) + (domains ? mtTokens(domains) : 0);
    const inputTokens = mtTokens(content) + extra;
    const record = (status: number, p = 0, c = 0): void => {
      requests.push({ model, content, sourceLang: t.source_lang as string, targetLang: t.target_lang as string, terms, tmList, ...(domains !== undefined ? { domains } : {}), status, promptTokens: p, completionTokens: c, at: Date.now() });
    };
    const max = o.maxInputTokens ?? 1024;
    if (content.trim() === '' || inputTokens > max) {
      record(400);
      return invalid(`Range of input length should be [1, ${max}]`);
    }
    const output = translate(content, target);
    const promptTokens = TEMPLATE_TOKENS + inputTokens;
    const completionTokens = mtTokens(output);
    const refused = admit(model, promptTokens + completionTokens, Date.now());
    if (refused) {
      stats.throttled++;
      record(429);
      return err(429, 'limit_requests', 'requests', refused);
    }
    await new Promise((r) => setTimeout(r, o.delayMs ?? 5));
    stats.calls++;
    stats.promptTokens += promptTokens;
    stats.completionTokens += completionTokens;
    stats.billedTokens += promptTokens + completionTokens;
    record(200, promptTokens, completionTokens);
    return {
      status: 200,
      body: {
        id: `chatcmpl-${randomUUID()}`, object: 'chat.completion', created: Math.floor(Date.now() / 1000), model,
        choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: output } }],
        usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
      },
    };
  }

  return {
    stats,
    requests,
    handle,
    /** Test control: `{source, target, lang?}` (lang: a target language code; default any). */
    register(r: { source?: unknown; target?: unknown; lang?: unknown }): string | null {
      if (typeof r.source !== 'string' || typeof r.target !== 'string') return 'need { source, target }';
      const lang = typeof r.lang === 'string' ? (langCode(r.lang) ?? r.lang) : '*';
      registered.set(`${lang}\n${r.source}`, r.target);
      return null;
    },
  };
}
export type Mt = ReturnType<typeof createMt>;

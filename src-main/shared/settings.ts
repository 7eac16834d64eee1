import { z } from 'zod';
import { ENCODER_CHOICES, QUALITIES, burnStyleSchema } from './burn/style';
import { PRESETS } from './captions/presets';
import { EXPORT_FORMATS } from './formats/names';
import { DEFAULT_NAME_TEMPLATE, templateProblem } from './formats/naming';
import { LANGUAGE_CODES, MODELS } from './jobs';
import { BILINGUAL_ORDERS, DEFAULT_MT_MODEL, MT_MODELS, mtLangCode } from './translation-jobs';

/**
 * The one home of user settings (issue #10): every setting a person can change, with its type,
 * default, meaning and where else it may come from. `captioner config`, the Settings screen (the
 * IPC contract's view and patch are derived from this table) and the job options all read it;
 * internal state (signing secret, hosting port, learned counters, window bounds, service stats)
 * is kept apart in node/db/repos/state.ts and never listed here.
 */

// eslint-disable-next-line no-control-regex -- control characters are what is refused
const CONTROL = /[\u0000-\u001f\u007f]/;
/** No line breaks or control characters: these strings end up in requests and files. */
const oneLine = (max: number) => z.string().min(1).max(max).refine((v) => !CONTROL.test(v), 'must be one line without control characters');
const positiveInt = (max: number) => z.number().int().positive().max(max);
const url = oneLine(2000).refine((v) => /^https?:\/\/[A-Za-z0-9.\-[\]:]+(\/\S*)?$/i.test(v), 'must be an http(s) URL');
const words = z.array(oneLine(100)).max(500);

/**
 * Who may write a setting. The renderer is untrusted: `cli` settings only change through
 * `captioner config` (or the environment); `dashscope-host` (baseUrl) may be set from the renderer
 * only to a DashScope host, since the API key is sent there (checked in node/api/settings.ts).
 */
export type SettingWriter = 'anyone' | 'dashscope-host' | 'cli';

interface Def<S extends z.ZodType, D, W extends SettingWriter = SettingWriter, X extends boolean = boolean> {
  schema: S;
  default: D;
  description: string;
  /** Environment variable that wins over the saved value. */
  env?: string;
  writer: W;
  /** Never printed or sent to the renderer in full. */
  secret: X;
}

const def = <S extends z.ZodType, D extends z.infer<S> | undefined = undefined, W extends SettingWriter = 'anyone', X extends boolean = false>(
  schema: S,
  d: { default?: D; description: string; env?: string; writer?: W; secret?: X },
): Def<S, D, W, X> => ({ schema, description: d.description, ...(d.env ? { env: d.env } : {}), default: d.default as D, writer: (d.writer ?? 'anyone') as W, secret: (d.secret ?? false) as X });

const presetIds = Object.keys(PRESETS) as [string, ...string[]];

export const SETTINGS = {
  apiKey: def(z.string().min(1).max(200).regex(/^[\x20-\x7e]+$/, 'must be printable ASCII (a DashScope key)'), { description: 'DashScope API key', env: 'DASHSCOPE_API_KEY', writer: 'cli', secret: true }),
  region: def(z.enum(['beijing', 'singapore']), { default: 'beijing', description: 'service region: beijing or singapore (decides host and price; Fun-ASR is not offered in the US region)', env: 'DASHSCOPE_REGION' }),
  workspaceId: def(z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'must be letters, digits and dashes (a DashScope workspace id)'), { description: 'workspace id: use the workspace-dedicated host' }),
  baseUrl: def(url, { description: 'explicit service base URL ending in /api/v1, e.g. https://dashscope.aliyuncs.com/api/v1', env: 'DASHSCOPE_BASE_URL', writer: 'dashscope-host' }),
  publicBaseUrl: def(url, { description: 'URL at which the service reaches the signed-URL server (tunnel, proxy, port forward)' }),
  bindHost: def(oneLine(255), { default: '127.0.0.1', description: 'address the signed-URL server binds to', writer: 'cli' }),
  urlTtlSeconds: def(positiveInt(7 * 86_400), { default: 86_400, description: 'lifetime of signed URLs, seconds', writer: 'cli' }),
  delivery: def(z.enum(['auto', 'signed-url', 'upload']), { default: 'auto', description: 'how the service gets the audio: auto, signed-url or upload' }),
  model: def(z.enum(MODELS), { default: 'fun-asr', description: `recognition model: ${MODELS.join(', ')}` }),
  language: def(z.enum(LANGUAGE_CODES as [string, ...string[]]), { description: 'language hint (zh, en, ja, ...); unset = detect from the transcript' }),
  diarize: def(z.boolean(), { default: false, description: 'find speakers (labels appear only when there are two or more)' }),
  speakerCount: def(z.number().int().min(2).max(100), { description: 'expected number of speakers (2-100), a hint for speaker finding' }),
  presetId: def(z.enum(presetIds), { description: `caption preset: ${presetIds.join(', ')}; unset = follow the transcript's language` }),
  exportFormat: def(z.enum(EXPORT_FORMATS), { default: 'srt', description: `export format: ${EXPORT_FORMATS.join(', ')}` }),
  exportNameTemplate: def(oneLine(200).refine((t) => templateProblem(t) === null, { message: 'EXPORT_TEMPLATE' }), { default: DEFAULT_NAME_TEMPLATE, description: 'export file names, e.g. {name}.{lang}.{format} (fields: name, title, lang, format, date)' }),
  exportFolder: def(oneLine(4096), { description: 'folder exports are written to; unset = beside the source file' }),
  exportBom: def(z.boolean(), { default: false, description: 'write a UTF-8 byte order mark' }),
  exportLineEnding: def(z.enum(['lf', 'crlf']), { default: 'lf', description: 'line endings of exported files: lf or crlf' }),
  exportSpeakers: def(z.boolean(), { default: true, description: 'write speaker names when a transcript has two or more speakers' }),
  maskWords: def(words, { default: [], description: 'words the service masks with * (comma-separated)' }),
  removeWords: def(words, { default: [], description: 'words the service removes (comma-separated)' }),
  systemReservedFilter: def(z.boolean(), { default: true, description: "the service's built-in sensitive-word list" }),
  quickMode: def(z.boolean(), { default: false, description: 'quick mode (fun-asr-flash, clips up to 5 min) by default' }),
  // eslint-disable-next-line no-control-regex -- control characters (but tab and newlines) are what is refused
  quickContext: def(z.string().max(2000).refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(s), 'no control characters'), { description: 'free text sent as context in quick mode (names, terms)' }),
  submitRps: def(positiveInt(100), { default: 10, description: 'submits per second (the service allows 10 for Fun-ASR)', writer: 'cli' }),
  queryQps: def(positiveInt(100), { default: 20, description: 'task queries per second (the account allows 20)', writer: 'cli' }),
  ffmpegPath: def(oneLine(4096), { description: 'path to ffmpeg', env: 'CAPTIONER_FFMPEG', writer: 'cli' }),
  ffprobePath: def(oneLine(4096), { description: 'path to ffprobe', env: 'CAPTIONER_FFPROBE', writer: 'cli' }),
  ytDlpPath: def(oneLine(4096), { description: 'path to yt-dlp, for web-page links such as YouTube or Bilibili (never bundled nor downloaded)', env: 'CAPTIONER_YTDLP', writer: 'cli' }),
  burnStyle: def(burnStyleSchema, { description: 'burn-in style last used or edited (set in the burn-in dialog)' }),
  burnQuality: def(z.enum(QUALITIES), { default: 'balanced', description: `burn-in quality: ${QUALITIES.join(', ')}` }),
  burnEncoder: def(z.enum(ENCODER_CHOICES), { default: 'auto', description: `burn-in encoder: ${ENCODER_CHOICES.join(', ')} (auto uses the graphics card when ffmpeg has one)` }),
  editorKeymap: def(z.record(z.string().max(40), z.string().max(40)), { description: 'editor keyboard shortcuts changed from the defaults (command → keys; set in the editor)' }),
  uiLanguage: def(z.enum(['en', 'zh-CN']), { description: 'language of the app: en or zh-CN; unset = the system language' }),
  theme: def(z.enum(['system', 'light', 'dark']), { default: 'system', description: 'theme: system, light or dark' }),
  hotwordListId: def(oneLine(200), { description: 'hotword list (vocabulary id) used for new jobs' }),
  hotwordModel: def(z.enum(MODELS), { description: 'the model the active hotword list was made for' }),
  // Translation (issue #11, docs/qwen-mt-api.md): Qwen-MT on the same key and host.
  translationModel: def(z.enum(MT_MODELS), { default: DEFAULT_MT_MODEL, description: `translation model: ${MT_MODELS.join(', ')}` }),
  translationTargets: def(z.array(mtLangCode).max(10), { default: [], description: 'languages translated into by default (en, ja, ...; comma-separated)' }),
  translationTerms: def(z.array(z.object({ source: oneLine(200), target: oneLine(200) }).strict()).max(1000), { default: [], description: 'glossary: source=target term pairs the translation must use (comma-separated, e.g. 生物传感器=biosensor)' }),
  translationDomain: def(oneLine(500), { description: 'domain hint sent with every translation, in English (e.g. "a university lecture on signal processing")' }),
  mtRequestsPerMinute: def(positiveInt(100_000), { default: 60, description: 'translation requests per minute (Qwen-MT allows 60 on most accounts)' }),
  mtTokensPerMinute: def(positiveInt(100_000_000), { default: 35_000, description: 'translation tokens per minute, input and output (35,000 in Beijing; raise it for an account with more)' }),
  bilingualOrder: def(z.enum(BILINGUAL_ORDERS), { default: 'source-first', description: 'bilingual captions: source-first (original above) or target-first' }),
};

type Table = typeof SETTINGS;
export type SettingKey = keyof Table;
type Value<K extends SettingKey> = z.infer<Table[K]['schema']>;
type HasDefault<K extends SettingKey> = Table[K]['default'] extends undefined ? false : true;
/** Settings with their defaults filled in: a setting without a default may be unset. */
export type Settings = { [K in SettingKey]: HasDefault<K> extends true ? Value<K> : Value<K> | undefined };
export type ResolvedSettings = Settings;

export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];
export const isSettingKey = (k: string): k is SettingKey => Object.hasOwn(SETTINGS, k);
const entry = (k: SettingKey): Def<z.ZodType, unknown> => SETTINGS[k] as unknown as Def<z.ZodType, unknown>;

/** What the renderer sees: every setting except secrets. */
export type ViewKey = { [K in SettingKey]: Table[K]['secret'] extends true ? never : K }[SettingKey];
export const VIEW_KEYS = SETTING_KEYS.filter((k) => !entry(k).secret) as ViewKey[];
/** What the renderer may write (baseUrl only to a DashScope host, checked in the backend). */
export const RENDERER_WRITABLE = SETTING_KEYS.filter((k) => entry(k).writer !== 'cli') as RendererWritableKey[];
export type RendererWritableKey = { [K in SettingKey]: Table[K]['writer'] extends 'cli' ? never : K }[SettingKey];

export const settingDefault = <K extends SettingKey>(k: K): Settings[K] => SETTINGS[k].default as Settings[K];
export const settingDescription = (k: SettingKey): string => entry(k).description;
export const settingEnv = (k: SettingKey): string | undefined => entry(k).env;
export const settingWriter = (k: SettingKey): SettingWriter => entry(k).writer;
export const settingSchema = (k: SettingKey): z.ZodType => entry(k).schema;
export const isSecretSetting = (k: SettingKey): boolean => Boolean(entry(k).secret);

export type SettingSource = 'env' | 'saved' | 'default';
/** Validates one value for a key; the error says what the key accepts. */
export function parseSetting<K extends SettingKey>(key: K, value: unknown): { ok: true; value: Settings[K] } | { ok: false; message: string } {
  const r = SETTINGS[key].schema.safeParse(value);
  if (r.success) return { ok: true, value: r.data as Settings[K] };
  const why = r.error.issues[0]?.message ?? 'is invalid';
  return { ok: false, message: `${key}: ${why === 'EXPORT_TEMPLATE' ? 'not a usable name template' : why} (${entry(key).description})` };
}

/** Reads text typed on a command line into the key's type (numbers, booleans, comma lists). */
export function settingFromText(key: SettingKey, raw: string): unknown {
  const schema = entry(key).schema;
  const probe = (v: unknown): boolean => schema.safeParse(v).success;
  // A setting that takes text keeps "true" or "42" as text; the others get the typed value, so an
  // out-of-range number is refused as a number ("too small"), not as "expected number".
  if ((raw === 'true' || raw === 'false') && !probe(raw)) return raw === 'true';
  if (/^-?\d+(\.\d+)?$/.test(raw) && !probe(raw)) return Number(raw);
  // Term pairs (translationTerms): "生物传感器=biosensor, 通义=Tongyi".
  if (probe([{ source: 'a', target: 'b' }])) return raw.split(',').map((p) => p.split('=').map((x) => x.trim())).filter((p) => p[0]).map(([source, target]) => ({ source, target: target ?? '' }));
  if (probe([])) return raw.split(',').map((w) => w.trim()).filter(Boolean);
  return raw;
}

/** Merges env, saved and default values; says where each came from. */
export function resolveSettings(saved: Record<string, unknown>, env: Record<string, string | undefined> = {}): { values: Settings; sources: Record<SettingKey, SettingSource> } {
  const values = {} as Record<SettingKey, unknown>;
  const sources = {} as Record<SettingKey, SettingSource>;
  for (const key of SETTING_KEYS) {
    const d = entry(key);
    const fromEnv = d.env ? env[d.env] : undefined;
    if (fromEnv) {
      const v = parseSetting(key, settingFromText(key, fromEnv));
      if (v.ok) {
        values[key] = v.value;
        sources[key] = 'env';
        continue;
      }
    }
    if (Object.hasOwn(saved, key)) {
      const v = parseSetting(key, saved[key]);
      if (v.ok) {
        values[key] = v.value;
        sources[key] = 'saved';
        continue;
      }
    }
    values[key] = d.default;
    sources[key] = 'default';
  }
  return { values: values as Settings, sources };
}

/** The key as a person may see it: enough to recognise, never enough to use. */
export const maskSecret = (v: string): string => (v.length <= 8 ? '•'.repeat(v.length) : `${v.slice(0, 3)}…${v.slice(-2)} (${v.length} chars)`);

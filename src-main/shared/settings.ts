import { z } from 'zod';
import { PRESETS } from './captions/presets';
import { EXPORT_FORMATS } from './formats/export';
import { LANGUAGE_CODES, MODELS } from './jobs';

/**
 * The one home of user settings (issue #10): every setting a person can change, with its type,
 * default, meaning and where else it may come from. `captioner config`, the Settings screen and the
 * job options all read this table; internal state (signing secret, learned counters, window
 * bounds) is kept apart and never listed here.
 */

const positiveInt = (max: number) => z.number().int().positive().max(max);
const url = z.string().max(500).refine((u) => /^https?:\/\/[^\s/]+/i.test(u), 'must be an http(s) URL');
const words = z.array(z.string().min(1).max(60)).max(500);

/** Who may write a setting: the renderer is untrusted, so some settings are only for the CLI/config. */
export type SettingWriter = 'anyone' | 'cli';

interface Def<S extends z.ZodType> {
  schema: S;
  default: z.infer<S> | undefined;
  description: string;
  /** Environment variable that wins over the saved value. */
  env?: string;
  /** Settings that only `captioner config` may change (they redirect where the key is sent). */
  writer: SettingWriter;
  /** Never printed or sent to the renderer in full. */
  secret?: boolean;
}

const def = <S extends z.ZodType>(schema: S, d: Omit<Def<S>, 'schema' | 'writer'> & { writer?: SettingWriter }): Def<S> => ({ schema, writer: 'anyone', ...d });

export const SETTINGS = {
  apiKey: def(z.string().min(1).max(200), { default: undefined, description: 'DashScope API key', env: 'DASHSCOPE_API_KEY', secret: true }),
  region: def(z.enum(['beijing', 'singapore']), { default: 'beijing', description: 'service region: beijing or singapore (decides host and price)', env: 'DASHSCOPE_REGION' }),
  workspaceId: def(z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'letters, digits and dashes'), { default: undefined, description: 'workspace id: use the workspace-dedicated host' }),
  baseUrl: def(url, { default: undefined, description: 'explicit service base URL ending in /api/v1', env: 'DASHSCOPE_BASE_URL', writer: 'cli' }),
  publicBaseUrl: def(url, { default: undefined, description: 'URL at which the service reaches the signed-URL server (tunnel, proxy, port forward)', writer: 'cli' }),
  bindHost: def(z.string().min(1).max(255), { default: '127.0.0.1', description: 'address the signed-URL server binds to', writer: 'cli' }),
  urlTtlSeconds: def(positiveInt(7 * 86_400), { default: 86_400, description: 'lifetime of signed URLs, seconds' }),
  delivery: def(z.enum(['auto', 'signed-url', 'upload']), { default: 'auto', description: 'how the service gets the audio: auto, signed-url or upload' }),
  model: def(z.enum(MODELS), { default: 'fun-asr', description: `recognition model: ${MODELS.join(', ')}` }),
  language: def(z.enum(LANGUAGE_CODES as [string, ...string[]]), { default: undefined, description: 'language hint (zh, en, ja, ...); unset = detect from the transcript' }),
  diarize: def(z.boolean(), { default: false, description: 'find speakers (labels appear only when there are two or more)' }),
  speakerCount: def(z.number().int().min(2).max(100), { default: undefined, description: 'expected number of speakers (2-100), a hint for speaker finding' }),
  presetId: def(z.enum(Object.keys(PRESETS) as [string, ...string[]]), { default: undefined, description: `caption preset: ${Object.keys(PRESETS).join(', ')}; unset = follow the transcript's language` }),
  exportFormat: def(z.enum(EXPORT_FORMATS), { default: 'srt', description: `export format: ${EXPORT_FORMATS.join(', ')}` }),
  exportBom: def(z.boolean(), { default: false, description: 'write a UTF-8 byte order mark' }),
  exportLineEnding: def(z.enum(['lf', 'crlf']), { default: 'lf', description: 'line endings of exported files: lf or crlf' }),
  exportSpeakers: def(z.boolean(), { default: true, description: 'write speaker names when a transcript has two or more speakers' }),
  maskWords: def(words, { default: [], description: 'words the service masks with *' }),
  removeWords: def(words, { default: [], description: 'words the service removes' }),
  systemReservedFilter: def(z.boolean(), { default: true, description: "the service's built-in sensitive-word list" }),
  quickMode: def(z.boolean(), { default: false, description: 'quick mode (fun-asr-flash, clips up to 5 min) by default' }),
  quickContext: def(z.string().max(2000).refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(s), 'no control characters'), { default: undefined, description: 'free text sent as context in quick mode (names, terms)' }),
  submitRps: def(positiveInt(100), { default: 10, description: 'submits per second (the service allows 10 for Fun-ASR)' }),
  queryQps: def(positiveInt(100), { default: 20, description: 'task queries per second (the account allows 20)' }),
  ffmpegPath: def(z.string().min(1).max(4096), { default: undefined, description: 'path to ffmpeg', env: 'CAPTIONER_FFMPEG', writer: 'cli' }),
  ffprobePath: def(z.string().min(1).max(4096), { default: undefined, description: 'path to ffprobe', env: 'CAPTIONER_FFPROBE', writer: 'cli' }),
  uiLanguage: def(z.enum(['en', 'zh-CN']), { default: 'en', description: 'language of the app: en or zh-CN' }),
  theme: def(z.enum(['system', 'light', 'dark']), { default: 'system', description: 'theme: system, light or dark' }),
  hotwordListId: def(z.string().regex(/^vocab-[A-Za-z0-9-]{1,100}$/, 'a vocabulary id'), { default: undefined, description: 'hotword list used for new jobs' }),
  hotwordModel: def(z.enum(MODELS), { default: undefined, description: 'the model the active hotword list was made for' }),
} satisfies Record<string, Def<z.ZodType>>;

export type SettingKey = keyof typeof SETTINGS;
export type Settings = { [K in SettingKey]: z.infer<(typeof SETTINGS)[K]['schema']> | undefined };
/** Settings with their defaults filled in (optional ones stay optional). */
export type ResolvedSettings = Settings;

export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];
export const isSettingKey = (k: string): k is SettingKey => Object.hasOwn(SETTINGS, k);

export type SettingSource = 'env' | 'saved' | 'default';

/** Validates one value for a key; the error says what the key accepts. */
export function parseSetting<K extends SettingKey>(key: K, value: unknown): { ok: true; value: Settings[K] } | { ok: false; message: string } {
  const r = SETTINGS[key].schema.safeParse(value);
  if (r.success) return { ok: true, value: r.data as Settings[K] };
  return { ok: false, message: `${key} ${r.error.issues[0]?.message ?? 'is invalid'} (${SETTINGS[key].description})` };
}

/** Reads text typed on a command line into the key's type (numbers, booleans, comma lists). */
export function settingFromText(key: SettingKey, raw: string): unknown {
  const schema = SETTINGS[key].schema as z.ZodType;
  const probe = (v: unknown): boolean => schema.safeParse(v).success;
  if (raw === 'true' || raw === 'false') if (probe(raw === 'true')) return raw === 'true';
  if (/^-?\d+(\.\d+)?$/.test(raw) && probe(Number(raw))) return Number(raw);
  if (probe([])) return raw.split(',').map((w) => w.trim()).filter(Boolean);
  return raw;
}

/** Merges env, saved and default values; says where each came from. */
export function resolveSettings(saved: Record<string, unknown>, env: Record<string, string | undefined>): { values: Settings; sources: Record<SettingKey, SettingSource> } {
  const values = {} as Record<SettingKey, unknown>;
  const sources = {} as Record<SettingKey, SettingSource>;
  for (const key of SETTING_KEYS) {
    const d = SETTINGS[key] as Def<z.ZodType>;
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

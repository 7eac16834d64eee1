import { presetForLanguage } from '../captions/presets';

/**
 * The languages Captioner offers for machine translation (docs/qwen-mt-api.md §8). `name` is the
 * English name the service takes in `translation_options`; `label` is the language's own name for
 * menus, so a reader finds their language whatever the interface language is.
 */
export interface MtLanguage {
  code: string;
  /** English name sent to the service. */
  name: string;
  /** Native label for menus. */
  label: string;
}

export const MT_LANGUAGES: readonly MtLanguage[] = [
  { code: 'en', name: 'English', label: 'English' },
  { code: 'zh', name: 'Chinese', label: '简体中文' },
  { code: 'zh_tw', name: 'Traditional Chinese', label: '繁體中文' },
  { code: 'yue', name: 'Cantonese', label: '粵語' },
  { code: 'ja', name: 'Japanese', label: '日本語' },
  { code: 'ko', name: 'Korean', label: '한국어' },
  { code: 'fr', name: 'French', label: 'Français' },
  { code: 'es', name: 'Spanish', label: 'Español' },
  { code: 'de', name: 'German', label: 'Deutsch' },
  { code: 'pt', name: 'Portuguese', label: 'Português' },
  { code: 'it', name: 'Italian', label: 'Italiano' },
  { code: 'ru', name: 'Russian', label: 'Русский' },
  { code: 'ar', name: 'Arabic', label: 'العربية' },
  { code: 'th', name: 'Thai', label: 'ไทย' },
  { code: 'vi', name: 'Vietnamese', label: 'Tiếng Việt' },
  { code: 'id', name: 'Indonesian', label: 'Bahasa Indonesia' },
  { code: 'ms', name: 'Malay', label: 'Bahasa Melayu' },
  { code: 'hi', name: 'Hindi', label: 'हिन्दी' },
  { code: 'tr', name: 'Turkish', label: 'Türkçe' },
  { code: 'nl', name: 'Dutch', label: 'Nederlands' },
  { code: 'pl', name: 'Polish', label: 'Polski' },
  { code: 'uk', name: 'Ukrainian', label: 'Українська' },
  { code: 'sv', name: 'Swedish', label: 'Svenska' },
  { code: 'cs', name: 'Czech', label: 'Čeština' },
  { code: 'el', name: 'Greek', label: 'Ελληνικά' },
  { code: 'he', name: 'Hebrew', label: 'עברית' },
  { code: 'da', name: 'Danish', label: 'Dansk' },
  { code: 'fi', name: 'Finnish', label: 'Suomi' },
  { code: 'hu', name: 'Hungarian', label: 'Magyar' },
  { code: 'ro', name: 'Romanian', label: 'Română' },
  { code: 'bn', name: 'Bengali', label: 'বাংলা' },
  { code: 'ur', name: 'Urdu', label: 'اردو' },
  { code: 'tl', name: 'Tagalog', label: 'Tagalog' },
  { code: 'km', name: 'Khmer', label: 'ភាសាខ្មែរ' },
  { code: 'lo', name: 'Lao', label: 'ລາວ' },
  { code: 'my', name: 'Burmese', label: 'မြန်မာ' },
  { code: 'ta', name: 'Tamil', label: 'தமிழ்' },
  { code: 'te', name: 'Telugu', label: 'తెలుగు' },
  { code: 'fa', name: 'Western Persian', label: 'فارسی' },
  { code: 'nb', name: 'Norwegian Bokmål', label: 'Norsk bokmål' },
  { code: 'bg', name: 'Bulgarian', label: 'Български' },
  { code: 'sr', name: 'Serbian', label: 'Српски' },
  { code: 'hr', name: 'Croatian', label: 'Hrvatski' },
  { code: 'sk', name: 'Slovak', label: 'Slovenčina' },
  { code: 'sl', name: 'Slovenian', label: 'Slovenščina' },
  { code: 'lt', name: 'Lithuanian', label: 'Lietuvių' },
  { code: 'lv', name: 'Latvian', label: 'Latviešu' },
  { code: 'et', name: 'Estonian', label: 'Eesti' },
  { code: 'ca', name: 'Catalan', label: 'Català' },
  { code: 'eu', name: 'Basque', label: 'Euskara' },
  { code: 'gl', name: 'Galician', label: 'Galego' },
  { code: 'cy', name: 'Welsh', label: 'Cymraeg' },
  { code: 'sw', name: 'Swahili', label: 'Kiswahili' },
  { code: 'af', name: 'Afrikaans', label: 'Afrikaans' },
];

const byKey = new Map<string, MtLanguage>();
for (const l of MT_LANGUAGES) {
  byKey.set(l.code, l);
  byKey.set(l.name.toLowerCase(), l);
}
/** BCP 47 tags and other spellings people and files use for the same languages. */
const ALIASES: Record<string, string> = {
  'zh-cn': 'zh', 'zh-hans': 'zh', 'zh-sg': 'zh', 'zh-hans-cn': 'zh', cmn: 'zh', 'simplified chinese': 'zh',
  'zh-tw': 'zh_tw', 'zh-hk': 'zh_tw', 'zh-mo': 'zh_tw', 'zh-hant': 'zh_tw', 'zh-hant-tw': 'zh_tw', 'zh-hant-hk': 'zh_tw',
  'zh-yue': 'yue', 'yue-hk': 'yue', no: 'nb', nob: 'nb', norwegian: 'nb', persian: 'fa', farsi: 'fa', iw: 'he', in: 'id', fil: 'tl', filipino: 'tl',
};

/** The language for a code ('zh', 'zh-CN', 'zh_TW', 'en-US') or an English name ('Chinese'). */
export function mtLanguage(codeOrName: string): MtLanguage | undefined {
  const key = codeOrName.trim().toLowerCase().replace(/_/g, '-');
  if (!key) return undefined;
  const direct = byKey.get(key) ?? byKey.get(key.replace(/-/g, '_'));
  if (direct) return direct;
  const alias = ALIASES[key];
  if (alias) return byKey.get(alias);
  // A region the table does not list ('en-GB', 'pt-BR', 'fr-CA') is the base language.
  const base = key.split('-')[0] ?? '';
  if (base === 'zh') return byKey.get(/-(hant|tw|hk|mo)(-|$)/.test(key) ? 'zh_tw' : 'zh');
  return byKey.get(ALIASES[base] ?? base);
}

/** The tag a file name or a player uses for a language code ('zh_tw' → 'zh-TW'). */
export function languageTag(code: string): string {
  const [base = '', region] = code.replace(/_/g, '-').split('-');
  return region ? `${base.toLowerCase()}-${region.length === 2 ? region.toUpperCase() : region}` : base.toLowerCase();
}

/** The caption preset a translation into `lang` is wrapped and checked with (Chinese variants read as Chinese). */
export function targetPresetId(lang: string): string {
  const code = mtLanguage(lang)?.code ?? lang;
  return presetForLanguage(code === 'zh_tw' || code === 'yue' ? 'zh' : code);
}

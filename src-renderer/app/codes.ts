import type { TFunction, i18n } from 'i18next';
import { useTranslation } from 'react-i18next';

/** Locale tables that word the codes main sends: translation and transcription jobs' errors and warnings, failed calls. */
export type CodeTable = 'trerr' | 'trwarn' | 'joberr' | 'jobwarn' | 'apierr';
export type CodeParams = Record<string, string | number | boolean>;

/**
 * A code from main in the UI's language: codes and params, not English sentences, cross the
 * process boundary. `params.reason` picks the case of a code that has several (key `CODE_REASON`,
 * i18next's context), falling back to the code's own sentence; tables are tried in order; a code
 * none of them has shows `fallback` (the English message main sent). `message` is offered as a
 * param too.
 */
export const codeText = (t: TFunction, table: CodeTable | readonly CodeTable[], code: string, fallback: string, params: CodeParams = {}): string =>
  t(
    (typeof table === 'string' ? [table] : table).map((tb) => `${tb}.${code}`),
    { message: fallback, ...params, ...(typeof params.reason === 'string' ? { context: params.reason } : {}), defaultValue: fallback },
  );

/** `codeText` bound to the UI's language and one table. */
export function useCodeText(table: CodeTable): (code: string, fallback: string, params?: CodeParams) => string {
  const { t } = useTranslation();
  return (code, fallback, params) => codeText(t, table, code, fallback, params);
}

const isZh = (lng: string | undefined): boolean => Boolean(lng?.toLowerCase().startsWith('zh'));

const absent = (value: unknown): boolean => value === undefined || value === null || value === '';

/**
 * Formatters the code tables use (`{{detail, paren}}`): `paren` puts an optional detail in the
 * language's brackets, or nothing when main sent none; `line` does the same for a line number;
 * `name` shows the file name of a path (the whole path is in the English message, the tooltip);
 * `urlError` names a link failure code with its short label (`url.error.*`), e.g. in the warning
 * of a link submitted unchecked.
 */
export function addFormatters(i: i18n): void {
  i.services.formatter?.add('paren', (value: unknown, lng: string | undefined) => (absent(value) ? '' : isZh(lng) ? `（${String(value)}）` : ` (${String(value)})`));
  i.services.formatter?.add('line', (value: unknown, lng: string | undefined) => (absent(value) ? '' : isZh(lng) ? `（第 ${String(value)} 行）` : ` (line ${String(value)})`));
  i.services.formatter?.add('name', (value: unknown) => String(value ?? '').split(/[\\/]/).filter(Boolean).at(-1) ?? '');
  i.services.formatter?.add('urlError', (value: unknown, lng: string | undefined) => i.t(`url.error.${String(value)}`, { lng, defaultValue: String(value) }));
}

import type { TFunction, i18n } from 'i18next';
import { useTranslation } from 'react-i18next';

/** Locale tables that word the codes main sends: translation and transcription jobs' errors and warnings. */
export type CodeTable = 'trerr' | 'trwarn' | 'joberr' | 'jobwarn';
export type CodeParams = Record<string, string | number | boolean>;

/**
 * A code from main in the UI's language: codes and params, not English sentences, cross the
 * process boundary. `params.reason` picks the case of a code that has several (key `CODE_REASON`,
 * i18next's context), falling back to the code's own sentence; a code the table does not have
 * shows `fallback` (the English message main sent). `message` is offered as a param too.
 */
export const codeText = (t: TFunction, table: CodeTable, code: string, fallback: string, params: CodeParams = {}): string =>
  t(`${table}.${code}`, { message: fallback, ...params, ...(typeof params.reason === 'string' ? { context: params.reason } : {}), defaultValue: fallback });

/** `codeText` bound to the UI's language and one table. */
export function useCodeText(table: CodeTable): (code: string, fallback: string, params?: CodeParams) => string {
  const { t } = useTranslation();
  return (code, fallback, params) => codeText(t, table, code, fallback, params);
}

const isZh = (lng: string | undefined): boolean => Boolean(lng?.toLowerCase().startsWith('zh'));

/**
 * Formatters the code tables use (`{{detail, paren}}`): `paren` puts an optional detail in the
 * language's brackets, or nothing when main sent none; `urlError` names a link failure code with
 * its short label (`url.error.*`), e.g. in the warning of a link submitted unchecked.
 */
export function addFormatters(i: i18n): void {
  i.services.formatter?.add('paren', (value: unknown, lng: string | undefined) => (value === undefined || value === null || value === '' ? '' : isZh(lng) ? `（${String(value)}）` : ` (${String(value)})`));
  i.services.formatter?.add('urlError', (value: unknown, lng: string | undefined) => i.t(`url.error.${String(value)}`, { lng, defaultValue: String(value) }));
}

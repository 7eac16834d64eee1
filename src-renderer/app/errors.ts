import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorSchema, type ApiErrorData } from '@shared/api-codes';
import { ApiError } from './api-error';
import { codeText } from './codes';

/**
 * Tells the person something in the toast. `detail` marks a failure: the toast shows it apart, and
 * the detail (the English message main sent, for a bug report) is its tooltip.
 */
export type Notify = (message: string, detail?: string) => void;

/**
 * What went wrong, from anything a failed call or action can reject with, or an error main sent
 * as data (an import's result, a burn-in's error).
 */
export function failureOf(e: unknown): ApiErrorData {
  if (e instanceof ApiError) return { code: e.code, message: e.message, ...(e.params ? { params: e.params } : {}) };
  if (e instanceof Error) return { code: 'INTERNAL', message: e.message };
  const data = apiErrorSchema.safeParse(e);
  return data.success ? data.data : { code: 'INTERNAL', message: String(e) };
}

/**
 * A failure in the UI's language: worded from its code and params by `apierr` (the calls' own
 * sentences), else `joberr` (codes a call shares with jobs), else main's English message.
 */
export function useErrorText(): (e: unknown) => string {
  const { t } = useTranslation();
  return useCallback((e: unknown) => {
    const f = failureOf(e);
    return codeText(t, ['apierr', 'joberr'], f.code, f.message, f.params);
  }, [t]);
}

/** Tells a failure through `notify`, worded in the UI's language, with main's English message as the tooltip. */
export function useNotifyError(notify: Notify): (e: unknown) => void {
  const text = useErrorText();
  return useCallback((e: unknown) => notify(text(e), failureOf(e).message), [notify, text]);
}

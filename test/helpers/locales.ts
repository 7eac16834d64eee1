import i18next, { type TFunction } from 'i18next';
import { beforeAll, expect } from 'vitest';
import { addFormatters } from '../../src-renderer/app/codes';
import { en } from '../../src-renderer/locales/en';
import { zhCN } from '../../src-renderer/locales/zh-CN';

/**
 * The app's two locales in an i18next instance of the suite's own, with the app's formatters
 * (app/codes.ts), ready once the suite has started: `t(lng)` is that language's TFunction.
 */
export function appLocales(): (lng: string) => TFunction {
  const i18n = i18next.createInstance();
  beforeAll(async () => {
    await i18n.init({ resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } }, lng: 'en', fallbackLng: 'en', interpolation: { escapeValue: false }, showSupportNotice: false });
    addFormatters(i18n);
  });
  return (lng) => i18n.getFixedT(lng);
}

/** The params a sentence names, sorted. */
export const vars = (s: string): string[] => [...s.matchAll(/\{\{\s*([^,}\s]+)[^}]*\}\}/g)].map((m) => m[1] as string).sort();
export const HAN = /[\u4e00-\u9fff]/;

/**
 * A code table in both languages: exactly `keys`, an English sentence each, the same params in
 * Chinese, and Chinese words (but for the keys in `asIs`, shown as they are).
 */
export function expectBothLanguages(table: keyof typeof en, keys: readonly string[], asIs: readonly string[] = []): void {
  const enT = en[table] as Record<string, string>;
  const zhT = zhCN[table] as Record<string, string>;
  expect(Object.keys(enT).sort()).toEqual([...keys].sort());
  expect(Object.keys(zhT).sort()).toEqual([...keys].sort());
  for (const k of keys) {
    expect(enT[k], `${table}.${k}`).toBeTruthy();
    expect(vars(zhT[k] as string), `${table}.${k}`).toEqual(vars(enT[k] as string));
    if (!asIs.includes(k)) expect(zhT[k], `${table}.${k}`).toMatch(HAN);
  }
}

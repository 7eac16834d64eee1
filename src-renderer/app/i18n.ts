import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from '../locales/en';
import { zhCN } from '../locales/zh-CN';
import { addFormatters } from './codes';

export function initI18n(language: 'en' | 'zh-CN'): typeof i18next {
  void i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false }, // React escapes
  });
  addFormatters(i18next);
  return i18next;
}

export const guessLanguage = (): 'en' | 'zh-CN' => (navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en');

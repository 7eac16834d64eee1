import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MT_LANGUAGES, mtLanguage } from '@shared/translation/languages';

/** A language's name in the interface language, with its own name beside it when that differs. */
export function useLanguageName(): (code: string) => string {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const names = new Intl.DisplayNames([i18n.language], { type: 'language' });
    return (code: string) => {
      const l = mtLanguage(code);
      const local = names.of((l?.code ?? code).replace('_tw', '-TW')) ?? l?.name ?? code;
      return l && l.label !== local ? `${local} · ${l.label}` : local;
    };
  }, [i18n.language]);
}

/**
 * Target languages as checkboxes (the chosen ones first, then a filter over the 54 offered);
 * `exclude` is the source language, which is not offered as a target.
 */
export function LanguagePicker({ value, onChange, exclude, label, id, hideLegend = false }: { value: readonly string[]; onChange: (v: string[]) => void; exclude?: string | undefined; label: string; id: string; hideLegend?: boolean }) {
  const { t } = useTranslation();
  const name = useLanguageName();
  const [filter, setFilter] = useState('');
  const excluded = exclude ? mtLanguage(exclude)?.code : undefined;
  const q = filter.trim().toLowerCase();
  const shown = MT_LANGUAGES.filter((l) => l.code !== excluded && (!q || `${name(l.code)} ${l.name} ${l.code}`.toLowerCase().includes(q)));
  const toggle = (code: string, on: boolean) => onChange(on ? [...value, code] : value.filter((c) => c !== code));
  return (
    <fieldset className="lang-picker" aria-describedby={`${id}-chosen`}>
      <legend className={hideLegend ? 'sr-only' : undefined}>{label}</legend>
      <div className="row">
        <input type="search" placeholder={t('translate.filter')} aria-label={t('translate.filterLabel')} value={filter} onChange={(e) => setFilter(e.target.value)} />
        <span id={`${id}-chosen`} className="muted" aria-live="polite">
          {value.length ? value.map((c) => name(c)).join(', ') : t('translate.noneChosen')}
        </span>
      </div>
      <div className="lang-grid" role="group" aria-label={label}>
        {shown.map((l) => (
          <label key={l.code} className={value.includes(l.code) ? 'on' : undefined}>
            <input type="checkbox" checked={value.includes(l.code)} onChange={(e) => toggle(l.code, e.target.checked)} /> {name(l.code)}
          </label>
        ))}
        {!shown.length && <span className="muted">{t('translate.noMatch')}</span>}
      </div>
    </fieldset>
  );
}

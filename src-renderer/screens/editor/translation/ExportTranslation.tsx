import { useTranslation } from 'react-i18next';
import type { ExportFormat } from '@shared/formats/names';
import { BILINGUAL_ORDERS, TRANSLATION_EXPORT_MODES } from '@shared/translation-jobs';
import { useLanguageName } from './LanguagePicker';

export interface TranslationChoice {
  mode: (typeof TRANSLATION_EXPORT_MODES)[number];
  lang: string;
  order: (typeof BILINGUAL_ORDERS)[number];
}

/**
 * The export dialog's translation rows (inside its two-column form): the original, the
 * translation, both in one file (two lines per cue, order chosen) or two files. JSON always
 * carries every translation, so it offers none of these.
 */
export function ExportTranslation({ format, languages, value, onChange }: { format: ExportFormat; languages: string[]; value: TranslationChoice; onChange: (v: TranslationChoice) => void }) {
  const { t } = useTranslation();
  const name = useLanguageName();
  if (format === 'json') {
    return (
      <>
        <span />
        <small className="muted">{t('exportTr.jsonAll')}</small>
      </>
    );
  }
  return (
    <>
      <span id="ex-tr-label">{t('exportTr.content')}</span>
      <div className="seg-radio" role="radiogroup" aria-labelledby="ex-tr-label" data-testid="export-translation">
        {TRANSLATION_EXPORT_MODES.map((m) => (
          <label key={m} className={value.mode === m ? 'on' : undefined}>
            <input type="radio" name="ex-tr-mode" value={m} checked={value.mode === m} onChange={() => onChange({ ...value, mode: m })} /> {t(`exportTr.mode.${m}`)}
          </label>
        ))}
      </div>
      {value.mode !== 'original' && (
        <>
          <label htmlFor="ex-tr-lang">{t('exportTr.language')}</label>
          <select id="ex-tr-lang" value={value.lang} onChange={(e) => onChange({ ...value, lang: e.target.value })}>
            {languages.map((l) => (
              <option key={l} value={l}>
                {name(l)}
              </option>
            ))}
          </select>
        </>
      )}
      {value.mode === 'bilingual' && (
        <>
          <label htmlFor="ex-tr-order">{t('exportTr.order')}</label>
          <select id="ex-tr-order" value={value.order} onChange={(e) => onChange({ ...value, order: e.target.value as TranslationChoice['order'] })}>
            {BILINGUAL_ORDERS.map((o) => (
              <option key={o} value={o}>
                {t(`exportTr.orders.${o}`)}
              </option>
            ))}
          </select>
        </>
      )}
      {value.mode !== 'original' && (
        <>
          <span />
          <small className="muted" data-testid="export-translation-hint">
            {t(`exportTr.hint.${value.mode}`, { lang: name(value.lang) })}
          </small>
        </>
      )}
    </>
  );
}

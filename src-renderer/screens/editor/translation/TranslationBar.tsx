import { useTranslation } from 'react-i18next';
import { TERMINAL_TRANSLATION } from '@shared/translation-jobs';
import { useLanguageName } from './LanguagePicker';
import type { Translations } from './useTranslations';

/**
 * The editor toolbar's translation controls: which translation the grid shows (or none), the
 * running jobs' progress, and Translate….
 */
export function TranslationBar({ tr, onTranslate }: { tr: Translations; onTranslate: () => void }) {
  const { t } = useTranslation();
  const name = useLanguageName();
  const running = tr.jobs.filter((j) => !TERMINAL_TRANSLATION.includes(j.status));
  const progress = running.length ? Math.round((running.reduce((n, j) => n + j.progress, 0) / running.length) * 100) : 0;
  return (
    <span className="row translation-bar">
      {tr.languages.length > 0 && (
        <>
          <label htmlFor="tr-shown" className="sr-only">
            {t('trcol.show')}
          </label>
          <select
            id="tr-shown"
            title={t('trcol.show')}
            value={tr.hidden ? '' : (tr.lang ?? '')}
            onChange={(e) => {
              if (!e.target.value) tr.setHidden(true);
              else {
                tr.setHidden(false);
                tr.setLang(e.target.value);
              }
            }}
          >
            <option value="">{t('trcol.hide')}</option>
            {tr.languages.map((l) => (
              <option key={l} value={l}>
                {name(l).split(' · ')[0]}
              </option>
            ))}
          </select>
        </>
      )}
      <button className={`btn small${running.length ? ' busy' : ''}`} onClick={onTranslate} data-testid="translate-open" title={t('translate.help')}>
        {running.length ? t('translate.running', { pct: progress }) : t('translate.open')}
      </button>
    </span>
  );
}

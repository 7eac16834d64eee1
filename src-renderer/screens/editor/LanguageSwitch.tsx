import { useTranslation } from 'react-i18next';
import { PRESETS } from '@shared/captions/presets';
import { LANGUAGE_CODES } from '@shared/jobs';
import { useApi } from '../../app/api';
import { useBusyAction } from '../../app/useBusyAction';
import type { Notify } from '../../app/errors';

/**
 * The transcript's language and caption preset. Changing either cuts the cues again from their
 * words for the new line width and reading speed; cues a person edited stay as they are.
 */
export function LanguageSwitch({ id, language, presetId, flush, reload, notify }: { id: string; language: string | null; presetId: string; flush: () => Promise<void>; reload: () => void; notify: Notify }) {
  const api = useApi();
  const { t, i18n } = useTranslation();
  const names = new Intl.DisplayNames([i18n.language], { type: 'language' });
  const [busy, run] = useBusyAction(notify);
  const change = (patch: { language?: string | null; presetId?: string }) =>
    run(async () => {
      await flush();
      const r = await api.call('transcript:setLanguage', { id, ...patch });
      notify(t('editor.resegmented', { rebuilt: r.rebuilt, count: r.kept }));
      reload();
    });
  return (
    <span className="row language-switch">
      <label htmlFor="tr-language" className="sr-only">
        {t('editor.language')}
      </label>
      <select id="tr-language" title={t('editor.language')} disabled={busy} value={language ?? ''} onChange={(e) => void change({ language: e.target.value || null })}>
        <option value="">{t('editor.languageDetect')}</option>
        {LANGUAGE_CODES.map((l) => (
          <option key={l} value={l}>
            {names.of(l) ?? l}
          </option>
        ))}
      </select>
      <label htmlFor="tr-preset" className="sr-only">
        {t('settings.preset')}
      </label>
      <select id="tr-preset" title={`${t('settings.preset')}: ${t(`presets.${presetId}`, { defaultValue: PRESETS[presetId]?.label ?? presetId })}`} disabled={busy} value={presetId} onChange={(e) => void change({ presetId: e.target.value })}>
        {Object.values(PRESETS).map((p) => (
          <option key={p.id} value={p.id} title={t(`presets.${p.id}`, { defaultValue: p.label })}>
            {t(`presetsShort.${p.id}`, { defaultValue: p.label })}
          </option>
        ))}
      </select>
    </span>
  );
}

import { useTranslation } from 'react-i18next';
import type { Input } from '@shared/ipc/contract';
import { LANGUAGE_CODES, MODELS } from '@shared/jobs';

export type DropChoices = NonNullable<Input<'jobs:add'>['options']>;

/**
 * What the next dropped files get, chosen before dropping (as Buzz asks at import): the language
 * (or detect it), the model, and whether to find speakers. Starts from the settings; a choice here
 * applies to the files added from now on and leaves the settings as they are.
 */
export function DropOptions({ choices, defaults, onChange }: { choices: DropChoices; defaults: { language?: string | undefined; model: string; diarize: boolean }; onChange: (c: DropChoices) => void }) {
  const { t, i18n } = useTranslation();
  const names = new Intl.DisplayNames([i18n.language], { type: 'language' });
  const language = choices.language === 'auto' ? '' : (choices.language ?? defaults.language ?? '');
  const model = choices.model ?? defaults.model;
  const diarize = choices.diarize ?? defaults.diarize;
  return (
    <fieldset className="drop-options" aria-label={t('queue.forNewFiles')}>
      <legend>{t('queue.forNewFiles')}</legend>
      <label htmlFor="drop-language">{t('settings.language')}</label>
      <select id="drop-language" value={language} onChange={(e) => onChange({ ...choices, language: e.target.value || 'auto' })}>
        <option value="">{t('settings.auto')}</option>
        {LANGUAGE_CODES.map((l) => (
          <option key={l} value={l}>
            {names.of(l) ?? l}
          </option>
        ))}
      </select>
      <label htmlFor="drop-model">{t('settings.model')}</label>
      <select id="drop-model" value={model} onChange={(e) => onChange({ ...choices, model: e.target.value as (typeof MODELS)[number] })}>
        {MODELS.map((m) => (
          <option key={m}>{m}</option>
        ))}
      </select>
      <label className="row" title={t('queue.speakersHelp')}>
        <input type="checkbox" checked={diarize} onChange={(e) => onChange({ ...choices, diarize: e.target.checked })} /> {t('queue.findSpeakers')}
      </label>
    </fieldset>
  );
}

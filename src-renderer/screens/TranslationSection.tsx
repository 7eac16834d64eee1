import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Input, SettingsView } from '@shared/ipc/contract';
import { BILINGUAL_ORDERS, MT_MODELS } from '@shared/translation-jobs';
import { useApi } from '../app/api';
import { LanguagePicker } from './editor/translation/LanguagePicker';
import type { Notify } from '../app/errors';

type Term = { source: string; target: string };

/**
 * Settings › Translation (issue #11): default model and targets, the glossary (source → target
 * pairs sent as `terms`; the active hotword list, learned terms and the speaker names used across
 * the library are offered with an empty target to fill), the domain hint, the service's rate limits and the bilingual line order.
 */
export function TranslationSection({ settings: s, save, notify }: { settings: SettingsView; save: (p: Input<'settings:set'>) => Promise<void>; notify: Notify }) {
  const api = useApi();
  const { t } = useTranslation();
  const [hotwords, setHotwords] = useState<string[]>([]);
  useEffect(() => {
    if (!s.hasApiKey || !s.hotwordListId) return setHotwords([]);
    api.call('hotwords:list', {}).then((lists) => setHotwords(lists.find((l) => l.active)?.entries.map((e) => e.text) ?? []), () => setHotwords([]));
  }, [api, s.hasApiKey, s.hotwordListId]);
  const [speakers, setSpeakers] = useState<string[]>([]);
  useEffect(() => {
    api.call('translation:speakerNames', {}).then(setSpeakers, () => setSpeakers([]));
  }, [api]);
  const terms = s.translationTerms;
  // Hotwords and corrected terms first, then the library's speaker names, most used first.
  const suggestions = useMemo(() => {
    const known = new Set(terms.map((x) => x.source.toLowerCase()));
    const seen = new Set<string>();
    const out: { term: string; kind: 'term' | 'speaker' }[] = [];
    for (const [list, kind] of [[[...hotwords, ...s.learnedTerms], 'term'], [speakers, 'speaker']] as const) {
      for (const w of list) {
        const key = w.trim().toLowerCase();
        if (!key || known.has(key) || seen.has(key)) continue;
        seen.add(key);
        out.push({ term: w.trim(), kind });
      }
    }
    return out.slice(0, 50);
  }, [terms, hotwords, s.learnedTerms, speakers]);
  const setTerms = (next: Term[]) => void save({ translationTerms: next.filter((x) => x.source.trim() && x.target.trim()).map((x) => ({ source: x.source.trim(), target: x.target.trim() })) });
  const [draft, setDraft] = useState<Term>({ source: '', target: '' });
  const limit = (key: 'mtRequestsPerMinute' | 'mtTokensPerMinute', value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) return notify(t('trset.badLimit'));
    if (n !== s[key]) void save({ [key]: n });
  };

  return (
    <>
      <h2 id="settings-translation">{t('trset.title')}</h2>
      <label htmlFor="tr-default-model">{t('trset.model')}</label>
      <select id="tr-default-model" value={s.translationModel} onChange={(e) => void save({ translationModel: e.target.value as SettingsView['translationModel'] })}>
        {MT_MODELS.map((m) => (
          <option key={m} value={m}>
            {m}
          </option>
        ))}
      </select>
      <div className="hint">{t(`translate.modelHint.${s.translationModel}`)}</div>
      <span className="form-label">{t('trset.targets')}</span>
      <LanguagePicker hideLegend id="tr-default-targets" label={t('trset.targets')} value={s.translationTargets} onChange={(v) => void save({ translationTargets: v.slice(0, 10) })} />
      <label htmlFor="tr-order">{t('trset.order')}</label>
      <select id="tr-order" value={s.bilingualOrder} onChange={(e) => void save({ bilingualOrder: e.target.value as SettingsView['bilingualOrder'] })}>
        {BILINGUAL_ORDERS.map((o) => (
          <option key={o} value={o}>
            {t(`exportTr.orders.${o}`)}
          </option>
        ))}
      </select>
      <label htmlFor="tr-domain-default">{t('translate.domain')}</label>
      <textarea id="tr-domain-default" rows={2} maxLength={500} defaultValue={s.translationDomain ?? ''} placeholder={t('translate.domainPlaceholder')} onBlur={(e) => e.target.value.trim() !== (s.translationDomain ?? '') && void save({ translationDomain: e.target.value.trim() })} />
      <div className="hint">{t('translate.domainHint')}</div>

      <span className="form-label" id="glossary-label">{t('trset.glossary')}</span>
      <div className="glossary">
        <p className="muted">{t('trset.glossaryHelp')}</p>
        <table className="grid" aria-labelledby="glossary-label" data-testid="glossary">
          <thead>
            <tr>
              <th>{t('trset.source')}</th>
              <th>{t('trset.target')}</th>
              <th aria-label={t('trset.actions')} />
            </tr>
          </thead>
          <tbody>
            {terms.map((term, i) => (
              <tr key={`${term.source}-${i}`}>
                <td>
                  <input aria-label={t('trset.sourceOf', { n: i + 1 })} defaultValue={term.source} onBlur={(e) => e.target.value !== term.source && setTerms(terms.map((x, k) => (k === i ? { ...x, source: e.target.value } : x)))} />
                </td>
                <td>
                  <input aria-label={t('trset.targetOf', { term: term.source })} defaultValue={term.target} onBlur={(e) => e.target.value !== term.target && setTerms(terms.map((x, k) => (k === i ? { ...x, target: e.target.value } : x)))} />
                </td>
                <td>
                  <button className="btn small danger" aria-label={t('trset.removeOf', { term: term.source })} onClick={() => setTerms(terms.filter((_, k) => k !== i))}>
                    {t('common.remove')}
                  </button>
                </td>
              </tr>
            ))}
            {suggestions.map(({ term: w, kind }) => (
              <tr key={`s-${w}`} className="suggested" data-kind={kind}>
                <td>
                  {w}
                  <span className="term-kind">{t(kind === 'speaker' ? 'trset.suggestedSpeaker' : 'trset.suggested')}</span>
                </td>
                <td>
                  <input
                    aria-label={t('trset.targetOf', { term: w })}
                    placeholder={t('trset.fillTarget')}
                    onBlur={(e) => e.target.value.trim() && setTerms([...terms, { source: w, target: e.target.value }])}
                    onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
                  />
                </td>
                <td />
              </tr>
            ))}
            <tr>
              <td>
                <input aria-label={t('trset.newSource')} placeholder={t('trset.newSource')} value={draft.source} onChange={(e) => setDraft({ ...draft, source: e.target.value })} />
              </td>
              <td>
                <input
                  aria-label={t('trset.newTarget')}
                  placeholder={t('trset.newTarget')}
                  value={draft.target}
                  onChange={(e) => setDraft({ ...draft, target: e.target.value })}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' && draft.source.trim() && draft.target.trim()) {
                      setTerms([...terms, draft]);
                      setDraft({ source: '', target: '' });
                    }
                  }}
                />
              </td>
              <td>
                <button
                  className="btn small"
                  disabled={!draft.source.trim() || !draft.target.trim()}
                  onClick={() => {
                    setTerms([...terms, draft]);
                    setDraft({ source: '', target: '' });
                  }}
                >
                  {t('trset.add')}
                </button>
              </td>
            </tr>
          </tbody>
        </table>
      </div>

      <label htmlFor="mt-rpm">{t('trset.rpm')}</label>
      <input id="mt-rpm" type="number" min={1} step={1} defaultValue={s.mtRequestsPerMinute} onBlur={(e) => limit('mtRequestsPerMinute', e.target.value)} />
      <label htmlFor="mt-tpm">{t('trset.tpm')}</label>
      <input id="mt-tpm" type="number" min={1} step={1000} defaultValue={s.mtTokensPerMinute} onBlur={(e) => limit('mtTokensPerMinute', e.target.value)} />
      <div className="hint">{t('trset.limitsHint')}</div>
    </>
  );
}

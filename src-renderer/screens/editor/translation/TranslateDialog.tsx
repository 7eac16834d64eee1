import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCost } from '@shared/cost';
import type { Output, SettingsView } from '@shared/ipc/contract';
import { MT_MODELS, TERMINAL_TRANSLATION, type MtModel, type TranslationJobView } from '@shared/translation-jobs';
import { mtLanguage } from '@shared/translation/languages';
import { useApi } from '../../../app/api';
import { useCodeText } from '../../../app/codes';
import { eta } from '../../../app/format';
import { LanguagePicker, useLanguageName } from './LanguagePicker';
import { ErrorLine } from '../../../components/ErrorLine';

type Estimate = Output<'translation:estimate'>;

/**
 * Translate the transcript (or the selected cues) into one or more languages: the cost estimate
 * comes first, then each language's job shows its progress, ETA and billed tokens, with cancel
 * and retry. Closing the dialog leaves the jobs running (the toolbar shows them).
 */
export function TranslateDialog({ transcriptId, sourceLang, selected, jobs, setJobs, settings, names = [], onClose }: {
  transcriptId: string;
  /** Speaker names of the transcript: offered for the glossary when it has no translation for them. */
  names?: string[];
  sourceLang: string | undefined;
  selected: string[];
  jobs: TranslationJobView[];
  setJobs: (f: (j: TranslationJobView[]) => TranslationJobView[]) => void;
  settings: SettingsView | null;
  onClose: () => void;
}) {
  const api = useApi();
  const { t } = useTranslation();
  const name = useLanguageName();
  // A translation job's own error (trerr, with its model and language); a refused call is worded like
  // every other and said in the dialog (its modal layer covers the app's toast).
  const errorText = useCodeText('trerr');
  const [failure, setFailure] = useState<unknown>(null);
  const warningText = useCodeText('trwarn');
  const ref = useRef<HTMLDialogElement>(null);
  const source = sourceLang ? mtLanguage(sourceLang)?.code : undefined;
  const [targets, setTargets] = useState<string[]>(() => (settings?.translationTargets ?? []).filter((l) => l !== source).slice(0, 10));
  const [model, setModel] = useState<MtModel>(settings?.translationModel ?? 'qwen-mt-flash');
  const [domain, setDomain] = useState(settings?.translationDomain ?? '');
  const [onlySelected, setOnlySelected] = useState(false);
  const [estimate, setEstimate] = useState<Estimate | { error: unknown } | null>(null);
  const [started, setStarted] = useState<string[]>(() => jobs.filter((j) => !TERMINAL_TRANSLATION.includes(j.status)).map((j) => j.id));
  const [busy, setBusy] = useState(false);
  useEffect(() => ref.current?.showModal(), []);

  const cueIds = onlySelected && selected.length ? selected : undefined;
  useEffect(() => {
    if (!targets.length) {
      setEstimate(null);
      return;
    }
    let live = true;
    setEstimate(null);
    const timer = setTimeout(() => {
      api.call('translation:estimate', { transcriptId, targets, model, ...(cueIds ? { cueIds } : {}) }).then(
        (e) => live && setEstimate(e),
        (e: unknown) => live && setEstimate({ error: e }),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, transcriptId, targets, model, cueIds?.join(' ')]);

  const start = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const r = await api.call('translation:start', { transcriptId, targets, model, ...(cueIds ? { cueIds } : {}), ...(domain.trim() ? { domain: domain.trim() } : {}) });
      setStarted(r.jobIds);
      const list = await api.call('translation:jobs', { transcriptId });
      setJobs(() => list);
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  };
  const act = async (method: 'translation:cancel' | 'translation:retry', id: string) => {
    setFailure(null);
    try {
      const job = await api.call(method, { id });
      setJobs((list) => list.map((j) => (j.id === job.id ? job : j)));
    } catch (e) {
      setFailure(e);
    }
  };

  const mine = started.map((id) => jobs.find((j) => j.id === id)).filter((j): j is TranslationJobView => Boolean(j));
  const running = mine.some((j) => !TERMINAL_TRANSLATION.includes(j.status));
  return (
    <dialog ref={ref} className="translate-dialog" onClose={onClose} aria-labelledby="translate-title">
      <h2 id="translate-title">{t('translate.title')}</h2>
      {mine.length === 0 ? (
        <>
          <LanguagePicker id="tr-targets" label={t('translate.targets')} value={targets} onChange={(v) => setTargets(v.slice(0, 10))} exclude={source} />
          <div className="form translate-form">
            <label htmlFor="tr-model">{t('translate.model')}</label>
            <select id="tr-model" value={model} onChange={(e) => setModel(e.target.value as MtModel)} aria-describedby="tr-model-hint">
              {MT_MODELS.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
            <small id="tr-model-hint" className="hint">
              {t(`translate.modelHint.${model}`)}
            </small>
            <label htmlFor="tr-domain">{t('translate.domain')}</label>
            <textarea id="tr-domain" rows={2} maxLength={500} value={domain} placeholder={t('translate.domainPlaceholder')} onChange={(e) => setDomain(e.target.value)} aria-describedby="tr-domain-hint" />
            <small id="tr-domain-hint" className="hint">
              {t('translate.domainHint')}
            </small>
            <span />
            <label className="row">
              <input type="checkbox" checked={onlySelected} disabled={!selected.length} onChange={(e) => setOnlySelected(e.target.checked)} /> {t('translate.onlySelected', { count: selected.length })}
            </label>
          </div>
          <NameTerms names={names} settings={settings} onFailure={setFailure} />
          <div className="qc-summary" role="status" aria-live="polite" data-testid="tr-estimate">
            {!targets.length
              ? t('translate.pickTargets')
              : !estimate
                ? t('translate.estimating')
                : 'error' in estimate
                  ? <ErrorLine error={estimate.error} className="inline" />
                  : t('translate.estimate', {
                      count: estimate.requests,
                      input: estimate.inputTokens.toLocaleString(),
                      output: estimate.outputTokens.toLocaleString(),
                      cost: formatCost(estimate.cost),
                      time: eta(Math.max(1, Math.round(estimate.minSeconds))),
                    })}
          </div>
          <ErrorLine error={failure} />
          <div className="actions">
            <button className="btn" onClick={onClose}>
              {t('common.cancel')}
            </button>
            <button className="btn primary" disabled={busy || !targets.length || !estimate || 'error' in estimate} onClick={() => void start()}>
              {t('translate.start', { count: targets.length })}
            </button>
          </div>
        </>
      ) : (
        <>
          <table className="grid tr-jobs" data-testid="tr-jobs">
            <tbody>
              {mine.map((j) => (
                <tr key={j.id} data-status={j.status}>
                  <td>{name(j.targetLang)}</td>
                  <td style={{ width: '40%' }}>
                    <div className={`progress${j.status === 'done' ? ' done' : j.status === 'failed' ? ' failed' : ''}`} role="progressbar" aria-label={t('translate.progressOf', { lang: name(j.targetLang) })} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(j.progress * 100)}>
                      <div style={{ width: `${Math.round(j.progress * 100)}%` }} />
                    </div>
                    <small className="muted">
                      {t(`translate.status.${j.status}`)}
                      {j.activity && !TERMINAL_TRANSLATION.includes(j.status) ? ` · ${t(`translate.activity.${j.activity}`)}` : ''}
                      {` · ${t('translate.batches', { done: j.batchesDone, total: j.batchesTotal })}`}
                      {j.etaSeconds !== undefined && !TERMINAL_TRANSLATION.includes(j.status) ? ` · ${t('queue.eta', { time: eta(Math.round(j.etaSeconds)) })}` : ''}
                    </small>
                    {j.error && <div className="error-text" role="alert">{errorText(j.error.code, j.error.message, { model: j.model, lang: name(j.targetLang) })}</div>}
                    {j.warnings.map((w) => (
                      <div key={w.code} className="muted small-text">
                        {warningText(w.code, `${w.code} ×${w.count}`, { count: w.count })}
                      </div>
                    ))}
                  </td>
                  <td className="muted small-text">
                    {t('translate.billed', { tokens: (j.billed.promptTokens + j.billed.completionTokens).toLocaleString(), cost: formatCost(j.billed.cost) })}
                  </td>
                  <td style={{ width: 1 }}>
                    {!TERMINAL_TRANSLATION.includes(j.status) ? (
                      <button className="btn small danger" onClick={() => void act('translation:cancel', j.id)} aria-label={t('translate.cancelOf', { lang: name(j.targetLang) })}>
                        {t('common.cancel')}
                      </button>
                    ) : j.status !== 'done' ? (
                      <button className="btn small" onClick={() => void act('translation:retry', j.id)} aria-label={t('translate.retryOf', { lang: name(j.targetLang) })}>
                        {t('common.retry')}
                      </button>
                    ) : (
                      <span className="ok-text">✓</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <ErrorLine error={failure} />
          <div className="actions">
            {!running && (
              <button className="btn" onClick={() => setStarted([])}>
                {t('translate.another')}
              </button>
            )}
            <button className="btn primary" onClick={onClose}>
              {running ? t('translate.background') : t('common.close')}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}

/**
 * Speaker names the glossary does not have yet, each with a box for its translation: a name
 * translated once is kept in Settings › Translation and sent as a term with every request.
 */
function NameTerms({ names, settings, onFailure }: { names: string[]; settings: SettingsView | null; onFailure: (e: unknown) => void }) {
  const api = useApi();
  const { t } = useTranslation();
  const [terms, setTerms] = useState(settings?.translationTerms ?? []);
  const known = new Set(terms.map((x) => x.source));
  const missing = names.filter((n) => n.trim() && !known.has(n));
  if (!missing.length) return null;
  const add = async (source: string, target: string) => {
    if (!target.trim()) return;
    try {
      const fresh = await api.call('settings:get', {});
      const next = [...fresh.translationTerms.filter((x) => x.source !== source), { source, target: target.trim() }];
      const saved = await api.call('settings:set', { translationTerms: next });
      setTerms(saved.translationTerms);
    } catch (e) {
      onFailure(e);
    }
  };
  return (
    <div className="name-terms">
      <small className="muted">{t('translate.namesHelp')}</small>
      {missing.map((n) => (
        <label key={n} className="row">
          <span className="name">{n}</span>
          <input placeholder={t('trset.fillTarget')} aria-label={t('trset.targetOf', { term: n })} onBlur={(e) => void add(n, e.target.value)} onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()} />
        </label>
      ))}
    </div>
  );
}

import type { ExistingTranscriptData, JobViewData as JobView } from '@shared/ipc/contract';
import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../app/api';
import { batchCost, formatCost as money } from '@shared/cost';
import { date, eta } from '../app/format';
import { AddUrlPanel, INSISTABLE, linkHost } from './AddUrlPanel';
import { batchProgress } from '@shared/progress';
import { JobNotes } from './JobNotes';
import { useNotifyError, type Notify } from '../app/errors';

interface Props {
  jobs: JobView[];
  setJobs: (f: (all: JobView[]) => JobView[]) => void;
  onFiles: (files: File[]) => void;
  /** Finished transcripts of files dropped again, offered instead of a new job. */
  existing: ExistingTranscriptData[];
  setExisting: (f: (all: ExistingTranscriptData[]) => ExistingTranscriptData[]) => void;
  open: (transcriptId: string) => void;
  notify: Notify;
  hasKey: boolean;
  quick: boolean;
  setQuick: (on: boolean) => void;
  /** Language, model and speaker choices for the next files. */
  dropOptions?: ReactNode;
}

const ACTIVE = (j: JobView) => !['done', 'failed', 'canceled'].includes(j.stage);

export function QueueScreen({ jobs, setJobs, onFiles, existing, setExisting, open, notify, hasKey, quick, setQuick, dropOptions }: Props) {
  const api = useApi();
  const { t, i18n } = useTranslation();
  // A refused call (no key, a job gone…) is worded from its code in the UI's language.
  const refused = useNotifyError(notify);
  const forget = (path: string) => setExisting((all) => all.filter((e) => e.path !== path));
  const again = (e: ExistingTranscriptData) =>
    api
      .call('jobs:add', { paths: [e.path], retranscribe: true })
      .then((r) => {
        forget(e.path);
        setJobs((all) => [...all.filter((j) => !r.jobs.some((a) => a.id === j.id)), ...r.jobs]);
      })
      .catch(refused);
  const input = useRef<HTMLInputElement>(null);
  const [addingUrl, setAddingUrl] = useState(false);
  const added = (r: { jobs: JobView[]; existing: ExistingTranscriptData[] }) => {
    setJobs((all) => [...all.filter((j) => !r.jobs.some((a) => a.id === j.id)), ...r.jobs]);
    setExisting((cur) => [...cur.filter((e) => !r.existing.some((x) => x.path === e.path)), ...r.existing]);
  };
  // A link refused by its check is added again unchecked, on request (issue 14).
  const insist = (j: JobView) =>
    api
      .call('jobs:remove', { id: j.id })
      .then(() => api.call('jobs:add', { paths: [j.inputPath], options: { force: true } }))
      .then((r) => {
        setJobs((all) => all.filter((x) => x.id !== j.id));
        added(r);
      })
      .catch(refused);
  const act = (p: Promise<JobView | object>, id: string, removed = false) =>
    p.then((v) => setJobs((all) => (removed ? all.filter((j) => j.id !== id) : all.map((j) => (j.id === id ? (v as JobView) : j))))).catch(refused);
  // The backend sends a status code; the words are this screen's, in the UI's language.
  const stageLabel = (j: JobView) => t(`status.${j.status}`, { seconds: j.statusParams?.seconds ?? 0, text: j.statusParams?.text ?? '' });
  // Billed where known, estimated where still to come; canceled and unbilled failures count nothing.
  const cost = batchCost(jobs);
  const batch = batchProgress(jobs);
  const failed = jobs.filter((j) => j.stage === 'failed').length;
  return (
    <>
      <div className="toolbar">
        <h1>{t('queue.title')}</h1>
        <div className="grow" />
        <label className="row" title={t('queue.quickHelp')}>
          <input type="checkbox" checked={quick} onChange={(e) => setQuick(e.target.checked)} /> {t('queue.quick')}
        </label>
        <input ref={input} type="file" multiple hidden accept="video/*,audio/*,.mkv,.flac,.opus,.amr,.wma,.wmv,.srt,.vtt,.ass,.ssa,.ttml,.dfxp,.sbv,.lrc,.fcpxml" aria-label={t('queue.add')} data-testid="file-input" onChange={(e) => { onFiles([...(e.target.files ?? [])]); e.target.value = ''; }} />
        <button className="btn" onClick={() => setAddingUrl((v) => !v)} aria-expanded={addingUrl} data-testid="add-url-button">
          {t('url.button')}
        </button>
        <button className="btn primary" onClick={() => input.current?.click()}>
          {t('queue.add')}
        </button>
      </div>
      <div className="content">
        {!hasKey && <p className="error-text">{t('queue.noKey')}</p>}
        {addingUrl && <AddUrlPanel onAdded={added} onClose={() => setAddingUrl(false)} notify={notify} />}
        <div className="dropzone" onClick={() => input.current?.click()} role="button" tabIndex={0} onKeyDown={(e) => e.key === 'Enter' && input.current?.click()}>
          <strong>{t('queue.dropHere')}</strong> · {t('queue.pick')}
        </div>
        {dropOptions}
        {existing.length > 0 && (
          <section className="offer" aria-label={t('queue.existingTitle', { count: existing.length })} data-testid="existing">
            <h2>{t('queue.existingTitle', { count: existing.length })}</h2>
            <p className="muted">{t('queue.existingHelp')}</p>
            {existing.map((e) => (
              <div key={e.path} className="offer-row" data-testid="existing-row">
                <div className="grow">
                  <div>{e.title}</div>
                  <div className="muted" style={{ fontSize: 12 }}>
                    {t('queue.existingWhen', { date: date(e.finishedAt, i18n.language) })}
                  </div>
                </div>
                <button className="btn small primary" onClick={() => { forget(e.path); open(e.transcriptId); }}>
                  {t('common.open')}
                </button>
                <button className="btn small" onClick={() => void again(e)}>
                  {t('queue.transcribeAgain')}
                </button>
                <button className="btn small" onClick={() => forget(e.path)} aria-label={`${t('queue.dismiss')} ${e.title}`}>
                  {t('queue.dismiss')}
                </button>
              </div>
            ))}
          </section>
        )}
        {jobs.length > 0 && (
          <>
            <div className="summary" style={{ marginTop: 16 }}>
              <span>
                <b>{t('queue.total', { count: jobs.length })}</b>
              </span>
              <span>{t('queue.active', { count: jobs.filter(ACTIVE).length })}</span>
              {failed > 0 && <span className="error-text">{t('queue.failed', { count: failed })}</span>}
              {jobs.some(ACTIVE) && (
                <span data-testid="batch-progress">
                  {t('queue.batch', { percent: Math.round(batch.percent) })}
                  {batch.etaSeconds !== undefined ? ` · ${t('queue.eta', { time: eta(batch.etaSeconds) })}` : ''}
                </span>
              )}
              {cost && <span data-testid="batch-cost">{t(cost.billed ? 'queue.billedTotal' : 'queue.estimate', { cost: money(cost.total) })}</span>}
              <span style={{ flex: 1 }} />
              {jobs.some((j) => j.stage === 'done') && (
                <button className="btn small" onClick={() => jobs.filter((j) => j.stage === 'done').forEach((j) => act(api.call('jobs:remove', { id: j.id }), j.id, true))}>
                  {t('queue.clearDone')}
                </button>
              )}
            </div>
            <table className="grid" aria-label={t('queue.title')}>
              <thead>
                <tr>
                  <th>{t('queue.file')}</th>
                  <th style={{ width: '26%' }}>{t('queue.progress')}</th>
                  <th>{t('queue.cost')}</th>
                  <th style={{ width: 1 }}>{t('queue.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {[...jobs].reverse().map((j) => (
                  <tr key={j.id} data-testid="job-row" data-stage={j.stage}>
                    <td>
                      <div>{j.title}</div>
                      {linkHost(j.inputPath) && <div className="muted" style={{ fontSize: 12 }} title={j.inputPath.split('?')[0]}>{t('url.from', { host: linkHost(j.inputPath) })}</div>}
                      <JobNotes job={j} />
                    </td>
                    <td>
                      <div className={`progress ${j.stage}`} role="progressbar" aria-valuenow={Math.round(j.stage === 'done' ? 100 : j.progress)} aria-valuemin={0} aria-valuemax={100} aria-label={j.title}>
                        <div style={{ width: `${j.stage === 'failed' || j.stage === 'canceled' ? 100 : j.progress}%` }} />
                      </div>
                      <div className={`stage ${j.stage}`}>
                        {stageLabel(j)}
                        {ACTIVE(j) && ` · ${Math.round(j.progress)}%`}
                        {j.etaSeconds !== undefined && ACTIVE(j) ? ` · ${t('queue.eta', { time: eta(j.etaSeconds) })}` : ''}
                      </div>
                    </td>
                    <td className="num cost">
                      {j.estimate ? money(j.estimate) : '—'}
                      {j.billedSeconds !== undefined && <div className="muted" style={{ fontSize: 12 }}>{t('queue.billed', { seconds: j.billedSeconds })}</div>}
                    </td>
                    <td>
                      <div className="row">
                        {j.stage === 'done' && j.transcriptId && (
                          <button className="btn small primary" onClick={() => open(j.transcriptId as string)}>
                            {t('common.open')}
                          </button>
                        )}
                        {ACTIVE(j) && (
                          <button className="btn small" onClick={() => act(api.call('jobs:cancel', { id: j.id }), j.id)}>
                            {t('common.cancel')}
                          </button>
                        )}
                        {(j.stage === 'failed' || j.stage === 'canceled') && (
                          <button className="btn small" onClick={() => act(api.call('jobs:retry', { id: j.id }), j.id)}>
                            {t('common.retry')}
                          </button>
                        )}
                        {j.error?.code === 'URL_DOWNLOAD_FAILED' && (
                          <button className="btn small primary" onClick={() => act(api.call('jobs:retry', { id: j.id, viaCaptioner: true }), j.id)} title={t('url.viaCaptionerHelp')}>
                            {t('url.viaCaptioner')}
                          </button>
                        )}
                        {j.stage === 'failed' && j.error && INSISTABLE.has(j.error.code) && (
                          <button className="btn small" onClick={() => void insist(j)} title={t('url.forceHelp')}>
                            {t('url.insist')}
                          </button>
                        )}
                        {!ACTIVE(j) && (
                          <button className="btn small" onClick={() => act(api.call('jobs:remove', { id: j.id }), j.id, true)} aria-label={`${t('common.remove')} ${j.title}`}>
                            {t('common.remove')}
                          </button>
                        )}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
        {!jobs.length && !existing.length && <p className="empty">{t('queue.empty')}</p>}
      </div>
    </>
  );
}

import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeHotwordProblem, formatEntries, hotwordProblems, parseEntries } from '@shared/hotwords';
import type { HotwordList, SettingsView } from '@shared/ipc/contract';
import { MODELS } from '@shared/jobs';
import { useApi } from '../app/api';
import { codeText } from '../app/codes';
import { useBusyAction } from '../app/useBusyAction';
import { DeleteButton } from '../components/DeleteButton';
import { useNotifyError, type Notify } from '../app/errors';

/** Hotword lists on the service (vocabulary API): pick the active one, edit, create, delete. */
export function HotwordsSection({ settings, onChange, notify }: { settings: SettingsView; onChange: (s: SettingsView) => void; notify: Notify }) {
  const api = useApi();
  const failed = useNotifyError(notify);
  const { t } = useTranslation();
  const [lists, setLists] = useState<HotwordList[] | null>(null);
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [draft, setDraft] = useState('');
  const [busy, run] = useBusyAction(notify);

  const load = useCallback(() => {
    if (!settings.hasApiKey) return;
    api.call('hotwords:list', {}).then(setLists, failed);
  }, [api, failed, settings.hasApiKey]);
  useEffect(load, [load]);

  // What the service would refuse, said before anything is sent, in the words of the refusal itself.
  const problems = (editing ? hotwordProblems(parseEntries(draft)) : []).map((p) => codeText(t, 'apierr', 'HOTWORDS_INVALID', describeHotwordProblem(p), { ...p, reason: p.code }));
  const save = () =>
    run(async () => {
      await api.call('hotwords:save', { ...(editing && editing !== 'new' ? { id: editing } : {}), model: settings.model, entries: parseEntries(draft) });
      onChange(await api.call('settings:get', {}));
      setEditing(null);
      load();
    });
  const activate = async (l: HotwordList | null) => {
    try {
      onChange(await api.call('settings:set', l ? { hotwordListId: l.id, hotwordModel: (MODELS as readonly string[]).includes(l.targetModel) ? (l.targetModel as (typeof MODELS)[number]) : '' } : { hotwordListId: '', hotwordModel: '' }));
      load();
    } catch (e) {
      failed(e);
    }
  };
  const remove = async (l: HotwordList) => {
    await api.call('hotwords:delete', { id: l.id });
    onChange(await api.call('settings:get', {}));
    load();
  };

  return (
    <>
      <h2>{t('hotwords.title')}</h2>
      {!settings.hasApiKey ? (
        <div className="hint" style={{ gridColumn: '1 / -1' }}>{t('hotwords.needKey')}</div>
      ) : (
        <div style={{ gridColumn: '1 / -1' }}>
          <p className="muted" style={{ margin: '0 0 8px' }}>{t('hotwords.help', { model: settings.model })}</p>
          <table className="grid">
            <tbody>
              <tr>
                <td style={{ width: 28 }}>
                  <input type="radio" name="hotword-list" aria-label={t('hotwords.none')} checked={!settings.hotwordListId} onChange={() => void activate(null)} />
                </td>
                <td colSpan={3}>{t('hotwords.none')}</td>
              </tr>
              {(lists ?? []).map((l) => (
                <tr key={l.id}>
                  <td>
                    <input type="radio" name="hotword-list" aria-label={l.id} checked={l.active} disabled={l.targetModel !== settings.model} onChange={() => void activate(l)} />
                  </td>
                  <td>
                    <div>{l.entries.slice(0, 6).map((e) => e.text).join(', ')}{l.entries.length > 6 ? ' …' : ''}</div>
                    <div className="muted" style={{ fontSize: 12 }}>
                      {t('hotwords.summary', { count: l.entries.length, model: l.targetModel, status: l.status })}
                      {l.targetModel !== settings.model && ` · ${t('hotwords.otherModel')}`}
                    </div>
                  </td>
                  <td style={{ width: 1 }}>
                    <div className="row">
                      <button className="btn small" disabled={l.targetModel !== settings.model} onClick={() => { setEditing(l.id); setDraft(formatEntries(l.entries)); }}>
                        {t('hotwords.edit')}
                      </button>
                      <DeleteButton confirm={t('hotwords.confirmDelete')} onDelete={() => remove(l)} notify={notify} />
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {editing ? (
            <div style={{ marginTop: 10 }}>
              <label htmlFor="hotword-draft" className="muted">{t('hotwords.format')}</label>
              <textarea id="hotword-draft" rows={8} style={{ width: '100%', marginTop: 4, fontFamily: 'ui-monospace, monospace' }} value={draft} onChange={(e) => setDraft(e.target.value)} />
              {problems.length > 0 && <div className="error-text" style={{ fontSize: 12 }}>{problems.slice(0, 4).join(' · ')}</div>}
              <div className="row" style={{ marginTop: 6 }}>
                <button className="btn primary" disabled={busy || problems.length > 0} onClick={() => void save()}>
                  {t('common.save')}
                </button>
                <button className="btn" onClick={() => setEditing(null)}>
                  {t('common.cancel')}
                </button>
              </div>
            </div>
          ) : (
            <button className="btn" style={{ marginTop: 8 }} disabled={(lists?.length ?? 0) >= 10} onClick={() => { setEditing('new'); setDraft(''); }}>
              {t('hotwords.create', { model: settings.model })}
            </button>
          )}
        </div>
      )}
    </>
  );
}

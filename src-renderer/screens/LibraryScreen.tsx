import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Track } from '@shared/captions/model';
import { resolvePreset, type Preset } from '@shared/captions/presets';
import type { Output, SettingsView } from '@shared/ipc/contract';
import { ExportDialog } from './editor/ExportDialog';
import { DeleteButton } from '../components/DeleteButton';
import { LocalCopyButton } from './LocalCopyButton';
import { useApi } from '../app/api';
import { formatClock as clock } from '@shared/formats/timecode';
import { date } from '../app/format';
import { useNotifyError, type Notify } from '../app/errors';

type Meta = Output<'library:list'>[number];
type Hit = Output<'library:search'>[number];

/** `[match]` from the backend → <mark>. */
function Snippet({ text }: { text: string }) {
  const m = /^(.*?)\[(.*?)\](.*)$/s.exec(text);
  if (!m) return <>{text}</>;
  return (
    <span className="hit">
      {m[1]}
      <mark>{m[2]}</mark>
      {m[3]}
    </span>
  );
}

export function LibraryScreen({ open, notify, settings }: { open: (id: string, at?: number) => void; notify: Notify; settings: SettingsView | null }) {
  const api = useApi();
  const failed = useNotifyError(notify);
  const { t, i18n } = useTranslation();
  const [items, setItems] = useState<Meta[] | null>(null);
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<Hit[] | null>(null);
  const [exporting, setExporting] = useState<{ id: string; track: Track; preset: Preset } | null>(null);

  useEffect(() => {
    void api.call('library:list', {}).then(setItems).catch(failed);
  }, [api, failed]);
  useEffect(() => {
    if (!query.trim()) {
      setHits(null);
      return;
    }
    const timer = window.setTimeout(() => void api.call('library:search', { query }).then(setHits).catch(failed), 150);
    return () => window.clearTimeout(timer);
  }, [api, query, failed]);

  const startExport = async (m: Meta) => {
    try {
      const doc = await api.call('transcript:get', { id: m.id });
      setExporting({ id: m.id, track: doc.track, preset: resolvePreset(doc.meta.presetId) });
    } catch (e) {
      failed(e);
    }
  };

  const remove = async (m: Meta) => {
    await api.call('library:delete', { id: m.id });
    setItems((all) => all?.filter((x) => x.id !== m.id) ?? null);
  };

  return (
    <>
      <div className="toolbar">
        <h1>{t('library.title')}</h1>
        <input type="search" placeholder={t('library.search')} aria-label={t('library.search')} value={query} onChange={(e) => setQuery(e.target.value)} style={{ width: 320 }} autoFocus />
        <div className="grow" />
        {items && <span className="muted">{items.length}</span>}
      </div>
      <div className="content">
        {hits !== null ? (
          hits.length ? (
            <table className="grid" aria-label={t('library.hits', { count: hits.length })}>
              <tbody>
                {hits.map((h) => (
                  <tr key={`${h.transcriptId}-${h.cueId ?? 'title'}`} className="clickable" data-testid="search-hit" onClick={() => open(h.transcriptId, h.startMs ?? undefined)}>
                    <td style={{ width: 80 }} className="num muted">
                      {h.startMs === null ? '' : clock(h.startMs)}
                    </td>
                    <td style={{ width: '28%' }}>{h.title}</td>
                    <td>
                      <Snippet text={h.snippet} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="empty">{t('library.noHits', { q: query })}</p>
          )
        ) : items === null ? (
          <p className="empty">{t('common.loading')}</p>
        ) : items.length ? (
          <table className="grid">
            <thead>
              <tr>
                <th>{t('library.titleCol')}</th>
                <th>{t('library.duration')}</th>
                <th>{t('library.date')}</th>
                <th>{t('library.language')}</th>
                <th>{t('library.speakers')}</th>
                <th>{t('library.cues')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {items.map((m) => (
                <tr key={m.id} className="clickable" data-testid="library-row" onClick={() => open(m.id)}>
                  <td>{m.title}</td>
                  <td className="num">{clock(m.durationMs)}</td>
                  <td>{date(m.createdAt, i18n.language)}</td>
                  <td>{m.language ?? '—'}</td>
                  <td className="num">{m.speakerCount || '—'}</td>
                  <td className="num">{m.cueCount}</td>
                  <td onClick={(e) => e.stopPropagation()}>
                    <div className="row">
                      {/^https?:\/\//i.test(m.sourcePath ?? '') && <LocalCopyButton id={m.id} title={m.title} notify={notify} />}
                      <button className="btn small" onClick={() => void startExport(m)} aria-label={`${t('common.export')} ${m.title}`}>
                        {t('common.export')}
                      </button>
                      <DeleteButton confirm={t('library.confirmDelete', { title: m.title })} onDelete={() => remove(m)} notify={notify} label={`${t('common.delete')} ${m.title}`} />
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="empty">{t('library.empty')}</p>
        )}
      </div>
      {exporting && <ExportDialog id={exporting.id} track={exporting.track} preset={exporting.preset} defaults={settings} onClose={() => setExporting(null)} />}
    </>
  );
}

import type { ExistingTranscriptData, JobViewData as JobView } from '@shared/ipc/contract';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../app/api';
import { useNotifyError, type Notify } from '../app/errors';

interface Props {
  onAdded: (r: { jobs: JobView[]; existing: ExistingTranscriptData[] }) => void;
  onClose: () => void;
  notify: Notify;
}

const LINK = /^https?:\/\/\S+$/i;

/**
 * "Add links" (issue 14): paste one or several links, one a line (or separated by spaces). Each
 * becomes a job that checks its link first; a link that cannot be checked is refused with the
 * reason unless "add even if it cannot be checked" is ticked.
 */
export function AddUrlPanel({ onAdded, onClose, notify }: Props) {
  const api = useApi();
  const failed = useNotifyError(notify);
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [force, setForce] = useState(false);
  const [busy, setBusy] = useState(false);
  const words = text.split(/\s+/).map((w) => w.trim()).filter(Boolean);
  const links = [...new Set(words.filter((w) => LINK.test(w)))];
  const bad = words.filter((w) => !LINK.test(w));
  const add = () => {
    if (!links.length || bad.length) return;
    setBusy(true);
    api
      .call('jobs:add', { paths: links, ...(force ? { options: { force: true } } : {}) })
      .then((r) => {
        onAdded(r);
        setText('');
        onClose();
      })
      .catch(failed)
      .finally(() => setBusy(false));
  };
  return (
    <section className="offer url-panel" aria-label={t('url.title')} data-testid="add-url">
      <h2>{t('url.title')}</h2>
      <p className="muted">{t('url.help')}</p>
      <textarea
        className="url-input"
        rows={4}
        autoFocus
        spellCheck={false}
        placeholder={t('url.placeholder')}
        aria-label={t('url.title')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && (e.ctrlKey || e.metaKey) && add()}
        data-testid="url-input"
      />
      {bad.length > 0 && <p className="error-text" style={{ fontSize: 12, margin: '4px 0 0' }}>{t('url.notLink', { count: bad.length, text: bad.slice(0, 3).join(' · ') })}</p>}
      <div className="row url-actions">
        <label className="row" title={t('url.forceHelp')}>
          <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} /> {t('url.force')}
        </label>
        <span className="muted" style={{ fontSize: 12 }}>{t('url.ytdlp')}</span>
        <span style={{ flex: 1 }} />
        <button className="btn small" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button className="btn small primary" disabled={!links.length || bad.length > 0 || busy} onClick={add} data-testid="url-add">
          {links.length ? t('url.add', { count: links.length }) : t('url.addNone')}
        </button>
      </div>
    </section>
  );
}

/** Failures of a link check that the person may overrule ("submit anyway"). */
export const INSISTABLE = new Set(['URL_FORBIDDEN', 'URL_HTTP_ERROR', 'URL_TLS', 'URL_TIMEOUT', 'URL_UNREACHABLE', 'URL_NOT_MEDIA']);

/** The host a link job reads from, shown under its title. */
export function linkHost(input: string): string | undefined {
  if (!/^https?:\/\//i.test(input)) return undefined;
  try {
    return new URL(input).host;
  } catch {
    return undefined;
  }
}

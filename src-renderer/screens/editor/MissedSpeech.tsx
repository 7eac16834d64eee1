import { useTranslation } from 'react-i18next';
import type { MissedSpeech as Missed } from '@shared/captions/qc';
import { formatClock } from '@shared/formats/timecode';

/** Speech the captions miss: the first few spans, each a link to its moment. */
export function MissedSpeech({ missed, seek }: { missed: readonly Missed[]; seek: (ms: number) => void }) {
  const { t } = useTranslation();
  if (!missed.length) return null;
  return (
    <div className="missed" role="region" aria-label={t('pro.missedTitle')} data-testid="missed-speech">
      <span className="b error">{t('pro.missedTitle')}</span>
      {missed.slice(0, 4).map((m) => (
        <button key={m.start} className="btn small link" onClick={() => seek(m.start)}>
          {t('pro.missed', { span: `${formatClock(m.start)}–${formatClock(m.end)}` })}
        </button>
      ))}
      {missed.length > 4 && <span className="muted">{t('pro.more', { count: missed.length - 4 })}</span>}
    </div>
  );
}

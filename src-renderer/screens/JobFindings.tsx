import { useTranslation } from 'react-i18next';
import type { JobViewData as JobView } from '@shared/ipc/contract';
import { formatClock } from '@shared/formats/timecode';

/** A finished job's coverage findings, translated from their codes: "possible missed speech 12:03–12:41". */
export function JobFindings({ job }: { job: JobView }) {
  const { t } = useTranslation();
  const findings = job.findings ?? [];
  if (!findings.length) return null;
  return (
    <div className="job-findings" data-testid="job-findings" role="note" aria-label={t('pro.missedTitle')}>
      <span className="b warning">{t('queue.findings', { count: findings.length })}</span>
      {findings.slice(0, 3).map((f) => (
        <span key={f.startMs}>{t(`finding.${f.code}`, { span: `${formatClock(f.startMs)}–${formatClock(f.endMs)}` })}</span>
      ))}
      {findings.length > 3 && <span className="muted">{t('pro.more', { count: findings.length - 3 })}</span>}
    </div>
  );
}

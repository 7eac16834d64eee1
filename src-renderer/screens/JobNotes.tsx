import type { JobViewData as JobView } from '@shared/ipc/contract';
import { useCodeText } from '../app/codes';
import { JobFindings } from './JobFindings';

/**
 * What a job has to say under its title, in the UI's language: its error and warnings arrive as
 * codes with params (shared/job-codes.ts) and are worded here; a note an older library stored as
 * English text (TEXT) is shown as it is. The English message main sent stays on the error as a
 * tooltip: the technical detail (ffmpeg's or the service's own words) for a bug report.
 */
export function JobNotes({ job }: { job: JobView }) {
  const errorText = useCodeText('joberr');
  const warningText = useCodeText('jobwarn');
  return (
    <>
      {job.error && (
        <div className="error-text job-note" title={job.error.message} data-testid="job-error" data-code={job.error.code}>
          {errorText(job.error.code, job.error.message, job.error.params)}
        </div>
      )}
      {job.warnings.map((w, k) => (
        <div key={`${w.code}-${k}`} className="muted job-note" data-testid="job-warning" data-code={w.code}>
          {warningText(w.code, w.code === 'TEXT' ? String(w.params?.text ?? '') : w.code, w.params)}
        </div>
      ))}
      <JobFindings job={job} />
    </>
  );
}

import { describe, expect, it } from 'vitest';
import { describeWarning } from '../../../src-main/core/jobs';
import { API_ERROR_CODES } from '../../../src-main/shared/api-codes';
import { JOB_ERROR_CODES, JOB_WARNING_CODES, JOB_WARNING_REASONS, URL_FAILURE_CODES, isJobWarning, jobWarning } from '../../../src-main/shared/job-codes';
import { codePath, thrownCodes } from '../../helpers/thrown-codes';

/**
 * The job runner's code, found by following its imports, plus the modules whose functions the app
 * hands the runner as dependencies (RunnerDeps: the service client, ffmpeg's and yt-dlp's
 * locators, the signed-URL server).
 */
const jobCodePath = () => codePath({ follow: ['node/jobs/runner.ts', 'node/dashscope/client.ts', 'node/media/locate.ts', 'node/media/ytdlp.ts', 'node/hosting/server.ts'] });

describe('the codes a transcription job can end with', () => {
  const found = thrownCodes(jobCodePath());

  it('follows the runner into its stages, the service client and the media adapters', () => {
    const names = [...new Set([...found.values()].flat())];
    expect(names).toEqual(expect.arrayContaining(['node/jobs/stages/poll.ts', 'node/jobs/stages/url.ts', 'node/dashscope/errors.ts', 'core/media.ts', 'node/media/extract.ts', 'node/media/url-probe.ts']));
    expect(found.size).toBeGreaterThan(30);
  });

  it('lists every code thrown on that path, so each has words in the app', () => {
    // Qwen-MT's codes share errors.ts with the transcription service's; translation jobs word them (trerr).
    // The coverage check's own failure is logged and never fails a job (stages/coverage.ts).
    // What the runner refuses to do with a job (JOB_NOT_*) is a refused call: shared/api-codes.ts lists it.
    const refusals: readonly string[] = API_ERROR_CODES.filter((c) => c.startsWith('JOB_NOT_'));
    const caught = new Set(['SPEECH_CHECK_FAILED', ...refusals]);
    const unlisted = [...found].filter(([code]) => !code.startsWith('MT_') && !caught.has(code) && !(JOB_ERROR_CODES as readonly string[]).includes(code));
    expect(refusals).toEqual(['JOB_NOT_FOUND', 'JOB_NOT_RETRYABLE', 'JOB_NOT_URL']);
    expect(unlisted).toEqual([]);
  });

  it('lists no code that nothing throws (INTERNAL: any other error; the link failures are returned by core/url.ts)', () => {
    const thrown = new Set([...found.keys(), ...URL_FAILURE_CODES, 'INTERNAL']);
    expect(JOB_ERROR_CODES.filter((c) => !thrown.has(c))).toEqual([]);
  });
});

describe('job warnings', () => {
  it('are told apart from findings and from text, and each has English words for the CLI', () => {
    expect(isJobWarning({ code: 'NO_SPEECH' })).toBe(true);
    expect(isJobWarning({ code: 'MISSED_SPEECH', startMs: 1, endMs: 2 })).toBe(false);
    expect(isJobWarning('The service found no speech')).toBe(false);
    expect(jobWarning('NO_SPEECH', {})).toEqual({ code: 'NO_SPEECH' });
    for (const code of JOB_WARNING_CODES) {
      const reasons: readonly string[] = (JOB_WARNING_REASONS as Record<string, readonly string[]>)[code] ?? [undefined as unknown as string];
      for (const reason of reasons) {
        const text = describeWarning(jobWarning(code, { ...(reason ? { reason } : {}), text: 'An old note.', taskId: 't-1', check: 'URL_FORBIDDEN', url: 'https://h/x.mp4', detail: 'HTTP 403', file: '/m/a.mp4', hours: 2, minutes: '6.0', streams: 2, stream: 1, container: 'mpegts', seconds: '1.50', channels: 6 }));
        expect(text, `${code} ${reason ?? ''}`).toMatch(/^\S.{8,}/);
        expect(text).not.toMatch(/undefined|\[object/);
      }
    }
  });

  it('keep the CLI phrases people and scripts know', () => {
    expect(describeWarning(jobWarning('RESUBMITTED_WHILE_DOWN', { taskId: 'abc' }))).toBe('The service tried to download the audio while Captioner was not running (task abc failed and is not billed); submitted it once more.');
    expect(describeWarning(jobWarning('RESUBMITTED_BROKEN_DOWNLOAD', { taskId: 'abc' }))).toBe('The service was downloading the audio when Captioner stopped (task abc failed and is not billed); submitted it once more.');
    expect(describeWarning(jobWarning('SUBMITTED_UNCHECKED', { check: 'URL_FORBIDDEN', url: 'https://h/x.mp4?sig=1', detail: 'HTTP 403 Forbidden' }))).toMatch(
      /^Submitted without checking, as you asked: https:\/\/h\/x\.mp4\?… is not public \(HTTP 403 Forbidden\).* There is no cost estimate, and the 12 h limit was not checked\.$/,
    );
    expect(describeWarning(jobWarning('TEXT', { text: 'Longer than 5 minutes (6.0 min): transcribed the standard way instead of quick mode.' }))).toBe('Longer than 5 minutes (6.0 min): transcribed the standard way instead of quick mode.');
  });
});

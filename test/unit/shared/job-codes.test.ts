import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeWarning } from '../../../src-main/core/jobs';
import { JOB_ERROR_CODES, JOB_WARNING_CODES, JOB_WARNING_REASONS, URL_FAILURE_CODES, isJobWarning, jobWarning } from '../../../src-main/shared/job-codes';

const SRC = resolve(import.meta.dirname, '..', '..', '..', 'src-main');

/**
 * The job runner's code, found by following its imports (type-only imports run nothing), plus the
 * modules whose functions the app hands the runner as dependencies (RunnerDeps: the service client,
 * ffmpeg's and yt-dlp's locators, the signed-URL server).
 */
function jobCodePath(): Map<string, string> {
  const roots = ['node/jobs/runner.ts', 'node/dashscope/client.ts', 'node/media/locate.ts', 'node/media/ytdlp.ts', 'node/hosting/server.ts'];
  const files = new Map<string, string>();
  const todo = roots.map((r) => join(SRC, r));
  while (todo.length) {
    const file = todo.pop() as string;
    if (files.has(file)) continue;
    const text = readFileSync(file, 'utf8');
    files.set(file, text);
    for (const m of text.matchAll(/^import (?!type )[^;]*? from '(\.[^']+)';/gms)) {
      const target = resolve(dirname(file), `${m[1]}.ts`);
      if (existsSync(target)) todo.push(target);
    }
  }
  return files;
}

/** Codes given to the error constructors and helpers on that path, as literals or as named constants. */
function thrownCodes(files: Map<string, string>): Map<string, string> {
  const all = [...files.values()].join('\n');
  const constants = new Map([...all.matchAll(/export const ([A-Z][A-Z0-9_]+) = '([A-Z][A-Z0-9_]+)'/g)].map((m) => [m[1] as string, m[2] as string]));
  const found = new Map<string, string>();
  for (const [file, text] of files) {
    for (const m of text.matchAll(/(?:new (?:CodedError|ServiceError)|\berr|\bmk|\bfail|\bfailed)\(\s*(?:'([A-Z][A-Z0-9_]+)'|([A-Z][A-Z0-9_]+)\s*,)/g)) {
      const code = m[1] ?? constants.get(m[2] as string);
      if (code) found.set(code, file.slice(SRC.length + 1));
    }
  }
  return found;
}

describe('the codes a transcription job can end with', () => {
  const files = jobCodePath();
  const found = thrownCodes(files);

  it('follows the runner into its stages, the service client and the media adapters', () => {
    const names = [...files.keys()].map((f) => f.slice(SRC.length + 1));
    expect(names).toEqual(expect.arrayContaining(['node/jobs/stages/poll.ts', 'node/jobs/stages/url.ts', 'node/dashscope/errors.ts', 'core/media.ts', 'node/media/extract.ts', 'node/media/url-probe.ts']));
    expect(found.size).toBeGreaterThan(30);
  });

  it('lists every code thrown on that path, so each has words in the app', () => {
    // Qwen-MT's codes share errors.ts with the transcription service's; translation jobs word them (trerr).
    // The coverage check's own failure is logged and never fails a job (stages/coverage.ts).
    const caught = new Set(['SPEECH_CHECK_FAILED']);
    const unlisted = [...found].filter(([code]) => !code.startsWith('MT_') && !caught.has(code) && !(JOB_ERROR_CODES as readonly string[]).includes(code));
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

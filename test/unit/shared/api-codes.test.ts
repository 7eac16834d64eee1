import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_ERROR_CODES, API_ERROR_KEYS, API_JOB_CODES, IMPORT_FAILURES, apiErrorData } from '../../../src-main/shared/api-codes';
import { JOB_ERROR_KEYS } from '../../../src-main/shared/job-codes';
import { SRC, codePath, codeUses } from '../../helpers/thrown-codes';

/**
 * Everything a call from the renderer runs: the API's handlers and what they import (the importer
 * and the burn-in service among them), the service client the handlers reach through the App
 * (hotword lists, quick re-transcription), what the job and translation runners refuse, the
 * transports (serve's socket and uploads, Electron's IPC and preload, the page's WebSocket), and
 * `captioner burn`'s reading of a caption file.
 */
const apiPath = () =>
  codePath({
    follow: ['node/api.ts', 'node/importer.ts', 'node/burn/service.ts', 'node/burn/caption-file.ts', 'node/dashscope/client.ts', 'node/transport/ws-server.ts', 'node/transport/uploads.ts'],
    only: ['node/app.ts', 'node/jobs/runner.ts', 'node/translate/runner.ts', 'electron/ipc.ts', 'preload/index.ts', '../src-renderer/app/transport.ts'],
  });

/** Codes found on that path that no call can fail with, each for a reason. */
const NEVER_FROM_A_CALL: Record<string, string> = {
  // Answers to frames the page never sends (test/integration/transport-fuzz.test.ts sends them).
  BAD_FRAME: 'transport', BAD_JSON: 'transport', BAD_REQUEST: 'transport',
  // The client's submit and result download run only inside transcription jobs (joberr words them).
  SUBMIT_AMBIGUOUS: 'jobs', SERVICE_RESULT_EXPIRED: 'jobs',
  // Qwen-MT's answers share errors.ts with Fun-ASR's, and are met only inside translation jobs (trerr).
  MT_INPUT_TOO_LONG: 'translation jobs', MT_LANGUAGE_UNSUPPORTED: 'translation jobs', MT_BAD_REQUEST: 'translation jobs',
};

const listed = new Set<string>([...API_ERROR_CODES, ...API_JOB_CODES]);

describe('the codes a call can fail with', () => {
  const uses = codeUses(apiPath());
  const found = new Set(uses.map((u) => u.code));

  it('follows the handlers into the importer, the burn-in service, the media adapters and the transports', () => {
    const files = new Set(uses.map((u) => u.file));
    for (const f of ['node/importer.ts', 'node/burn/service.ts', 'node/burn/render.ts', 'node/burn/probe.ts', 'node/files/read-file.ts', 'node/api/user-files.ts', 'node/media/peaks.ts', 'node/dashscope/errors.ts', 'node/jobs/runner.ts', 'node/transport/uploads.ts']) {
      expect(files, f).toContain(f);
    }
    expect(found.size).toBeGreaterThan(60);
  });

  it('lists every code thrown on that path, so each has words in the app', () => {
    const unlisted = uses.filter((u) => !listed.has(u.code) && !(u.code in NEVER_FROM_A_CALL)).map((u) => `${u.code} (${u.file})`);
    expect([...new Set(unlisted)]).toEqual([]);
  });

  it('lists no code that nothing on that path produces, and each code once', () => {
    // INTERNAL: any error that is not coded (a bug, a full disk); rpc-socket.ts names it too.
    expect([...listed].filter((c) => !found.has(c))).toEqual([]);
    expect(API_ERROR_CODES.filter((c) => (API_JOB_CODES as readonly string[]).includes(c))).toEqual([]);
    expect(new Set(API_ERROR_CODES).size).toBe(API_ERROR_CODES.length);
  });

  it('has a sentence for every case (reason) a thrower names', () => {
    const keys = new Set<string>([...API_ERROR_KEYS, ...JOB_ERROR_KEYS]);
    const unworded = uses.flatMap((u) => (listed.has(u.code) ? u.reasons.map((r) => `${u.code}_${r}`) : [])).filter((k) => !keys.has(k));
    expect([...new Set(unworded)]).toEqual([]);
    // The cases really are found: the search is not empty by mistake.
    expect(uses.filter((u) => u.reasons.length).length).toBeGreaterThan(10);
  });

  it('words each reason a caption reader gives for a file without cues (the importer sends the first)', () => {
    const dir = join(SRC, 'shared', 'formats');
    const readerErrors = new Set(readdirSync(dir).flatMap((f) => [...readFileSync(join(dir, f), 'utf8').matchAll(/\.error\('([A-Z][A-Z0-9_]+)'/g)].map((m) => m[1] as string)));
    expect(readerErrors.size).toBeGreaterThan(4);
    expect([...readerErrors].filter((c) => !(IMPORT_FAILURES as readonly string[]).includes(c))).toEqual([]);
    // …and no reason nothing gives: every one but JSON (the importer's own) comes from a reader.
    expect(IMPORT_FAILURES.filter((c) => c !== 'JSON' && !readerErrors.has(c))).toEqual([]);
  });
});

describe('an error as it crosses to the renderer', () => {
  it('carries its detail as params only when every value is a string, number or boolean', () => {
    expect(apiErrorData({ code: 'OUTPUT_EXISTS', message: 'm', detail: { file: '/v/a.mp4' } })).toEqual({ code: 'OUTPUT_EXISTS', message: 'm', params: { file: '/v/a.mp4' } });
    expect(apiErrorData({ code: 'X', message: 'm', detail: {} })).toEqual({ code: 'X', message: 'm' });
    expect(apiErrorData({ code: 'X', message: 'm', detail: { nested: { a: 1 } } })).toEqual({ code: 'X', message: 'm' });
    expect(apiErrorData({ code: 'X', message: 'm' })).toEqual({ code: 'X', message: 'm' });
  });
});

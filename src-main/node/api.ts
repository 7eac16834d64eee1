import { apiErrorData } from '../shared/api-codes';
import { contract, type Method, type Reply } from '../shared/ipc/contract';
import { toAppError } from '../shared/result';
import type { App } from './app';
import { burnHandlers } from './api/burn';
import { editorHandlers } from './api/editor';
import { hotwordHandlers } from './api/hotwords';
import { jobHandlers } from './api/jobs';
import { libraryHandlers } from './api/library';
import { linkHandlers } from './api/links';
import { settingsHandlers } from './api/settings';
import { translationHandlers } from './api/translation';
import type { ApiContext, Handlers } from './api/types';

export { warmPeaks } from './api/library';

/**
 * The backend behind both transports. `call` validates the input against the contract, runs the
 * handler and returns errors as data; nothing a renderer sends can throw past it.
 * Handlers live in ./api/ by concern (jobs, library and transcripts, settings, hotwords).
 */
export interface ApiOptions {
  version: string;
  transport: 'electron' | 'websocket';
  /** Where the API key is kept: Electron passes the OS keychain (safeStorage); default the settings table. */
  saveApiKey?: (key: string) => void;
  /** `captioner serve`: the folder browser uploads go to (paths inside it are the page's own). */
  uploadsDir?: string;
  /** Removes uploads nothing uses any more; called when jobs or transcripts go away. */
  sweepUploads?: () => Promise<void>;
}

export function createApi(app: App, info: ApiOptions) {
  const ctx: ApiContext = {
    app,
    version: info.version,
    transport: info.transport,
    saveKey: info.saveApiKey ?? ((key: string) => (key ? app.settings.set('apiKey', key) : app.settings.unset('apiKey'))),
    uploadsDir: info.uploadsDir,
    sweepUploads: async () => {
      await info.sweepUploads?.().catch(() => undefined); // a folder that cannot be removed now is removed on the next sweep
    },
  };
  const handlers: Handlers = { ...jobHandlers(ctx), ...libraryHandlers(ctx), ...settingsHandlers(ctx), ...hotwordHandlers(ctx), ...linkHandlers(ctx), ...burnHandlers(ctx), ...translationHandlers(ctx), ...editorHandlers(app) };

  return {
    async call(method: string, payload: unknown): Promise<Reply<unknown>> {
      if (typeof method !== 'string' || !Object.hasOwn(contract, method)) {
        const name = String(method).slice(0, 100);
        return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `Unknown method ${name}`, params: { method: name } } };
      }
      const m = method as Method;
      try {
        const parsed = contract[m].input.safeParse(payload ?? {});
        if (!parsed.success) {
          // zod's own words stay in the message (logs, the tooltip); the UI says which call and field.
          const i = parsed.error.issues[0];
          const field = i?.path.join('.') || (i?.code === 'unrecognized_keys' ? i.keys.join(', ') : '') || 'input';
          return { ok: false, error: { code: 'INVALID_INPUT', message: `${method}: ${field} ${i?.message ?? 'is invalid'}`, params: { method, field } } };
        }
        const value = await (handlers[m] as (i: unknown) => unknown)(parsed.data);
        return { ok: true, value };
      } catch (e) {
        return { ok: false, error: apiErrorData(toAppError(e)) };
      }
    },
  };
}

export type Api = ReturnType<typeof createApi>;

import { basename, extname, join } from 'node:path';
import { MIME_BY_EXT } from '../core/media';
import { exportTrack } from '../shared/formats/export';
import { contract, type Input, type Method, type Output, type Reply, type SettingsView } from '../shared/ipc/contract';
import { jobOptionsSchema } from '../shared/jobs';
import { CodedError, toAppError } from '../shared/result';
import type { App } from './app';
import { PROPOSE_AFTER } from '../shared/corrections';
import { HOTWORD_PREFIX, MAX_LISTS, checkEntries } from '../shared/hotwords';
import { importSubtitle } from './importer';
import { expandInputs } from './media/inputs';
import { waveformPeaks } from './media/peaks';
import { editorHandlers } from './api-editor';

/**
 * Computes and caches a finished job's waveform in the background, so the editor opens at once
 * even for a 12 h file. Errors are ignored: the editor computes it on demand anyway.
 */
export function warmPeaks(app: App, transcriptId: string): void {
  const meta = app.transcripts.meta(transcriptId);
  if (!meta?.sourcePath) return;
  void waveformPeaks(meta.sourcePath, meta.durationMs, app.tools(), join(app.home, 'peaks')).catch(() => undefined);
}

type Handlers = { [M in Method]: (input: Input<M>) => Promise<Output<M>> | Output<M> };

const VIDEO_EXT = new Set(['.mp4', '.mkv', '.mov', '.webm', '.avi', '.m4v', '.flv', '.wmv', '.mpeg', '.mpg', '.ts', '.mts']);

function readSettings(app: App): SettingsView {
  const g = <T>(k: string): T | undefined => app.settings.get<T>(k);
  const view: SettingsView = {
    hasApiKey: app.service().hasApiKey,
    region: g<'beijing' | 'singapore'>('region') ?? 'beijing',
    model: g<string>('model') ?? 'fun-asr',
    diarize: g<boolean>('diarize') ?? false,
    delivery: g<SettingsView['delivery']>('delivery') ?? 'auto',
    presetId: g<string>('presetId') ?? 'netflix-en',
    exportFormat: g<SettingsView['exportFormat']>('exportFormat') ?? 'srt',
    exportBom: g<boolean>('exportBom') ?? false,
    exportLineEnding: g<'lf' | 'crlf'>('exportLineEnding') ?? 'lf',
    maskWords: g<string[]>('maskWords') ?? [],
    removeWords: g<string[]>('removeWords') ?? [],
    systemReservedFilter: g<boolean>('systemReservedFilter') ?? true,
    uiLanguage: g<'en' | 'zh-CN'>('uiLanguage') ?? 'en',
    theme: g<'system' | 'light' | 'dark'>('theme') ?? 'system',
    quickMode: g<boolean>('quickMode') ?? false,
    learnedTerms: g<string[]>('learnedTerms') ?? [],
  };
  for (const k of ['baseUrl', 'workspaceId', 'language', 'publicBaseUrl', 'hotwordListId', 'hotwordModel', 'quickContext'] as const) {
    const v = g<string>(k);
    if (v) view[k] = v;
  }
  const sc = g<number>('speakerCount');
  if (sc) view.speakerCount = sc;
  return view;
}

/**
 * The backend behind both transports. `call` validates the input against the contract, runs the
 * handler and returns errors as data; nothing a renderer sends can throw past it.
 */
export interface ApiOptions {
  version: string;
  transport: 'electron' | 'websocket';
  /** Where the API key is kept: Electron passes the OS keychain (safeStorage); default the settings table. */
  saveApiKey?: (key: string) => void;
}

export function createApi(app: App, info: ApiOptions) {
  const saveKey = info.saveApiKey ?? ((key: string) => (key ? app.settings.set('apiKey', key) : app.settings.delete('apiKey')));
  const handlers: Handlers = {
    ...editorHandlers(app),
    'app:info': () => ({ version: info.version, home: app.home, region: app.service().region, serviceBaseUrl: app.service().baseUrl, hasApiKey: app.service().hasApiKey, transport: info.transport }),
    'jobs:list': () => app.runner.list(),
    'jobs:add': async ({ paths, options }) => {
      const s = readSettings(app);
      const defaults: Record<string, unknown> = { model: s.model, diarize: s.diarize, delivery: s.delivery, quick: s.quickMode };
      if (s.language) defaults.language = s.language;
      if (s.speakerCount) defaults.speakerCount = s.speakerCount;
      if (s.presetId) defaults.presetId = s.presetId;
      if (s.maskWords.length || s.removeWords.length || !s.systemReservedFilter) defaults.specialWordFilter = { maskWords: s.maskWords, removeWords: s.removeWords, systemReserved: s.systemReservedFilter };
      const parsed = jobOptionsSchema.safeParse({ ...defaults, ...options });
      // A list made for another model is silently ignored by the service (§6.2): refuse instead.
      // (Quick mode uses the flash model, for which the context carries the hotwords instead.)
      if (parsed.success && s.hotwordListId && !parsed.data.quick) {
        if (s.hotwordModel !== parsed.data.model) throw new CodedError('HOTWORD_MODEL_MISMATCH', `The active hotword list was made for ${s.hotwordModel ?? 'another model'}, but jobs use ${parsed.data.model}; the service would ignore it. Choose a list for ${parsed.data.model} in Settings, or none.`);
        parsed.data.vocabularyId = s.hotwordListId;
      }
      if (!parsed.success) throw new CodedError('INVALID_OPTIONS', `Invalid job options: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
      if (!app.service().hasApiKey) throw new CodedError('SERVICE_NO_KEY', 'No DashScope API key is set. Add it in Settings, then add the files again.');
      const files = await expandInputs(paths);
      if (!files.length) throw new CodedError('NO_MEDIA', 'No media files were found in what was dropped.');
      return files.map((p) => app.runner.add(p, parsed.data));
    },
    'jobs:cancel': ({ id }) => app.runner.cancel(id),
    'jobs:retry': ({ id }) => app.runner.retry(id),
    'jobs:remove': async ({ id }) => {
      await app.runner.remove(id);
      return {};
    },
    'library:list': () => app.transcripts.list(),
    'library:search': ({ query }) => app.transcripts.search(query),
    'library:import': async ({ paths }) => {
      const out = [];
      for (const p of paths) {
        try {
          const r = await importSubtitle(app, p);
          out.push({ path: p, transcriptId: r.transcriptId, cues: r.cues, repairs: r.issues.length, ...(r.encoding ? { encoding: r.encoding } : {}) });
        } catch (e) {
          out.push({ path: p, error: toAppError(e).message }); // one bad file does not stop the others
        }
      }
      return out;
    },
    'library:delete': ({ id }) => {
      if (!app.transcripts.delete(id)) throw new CodedError('NOT_FOUND', 'That transcript no longer exists.');
      return {};
    },
    'transcript:get': async ({ id }) => {
      const meta = app.transcripts.meta(id);
      const track = app.transcripts.track(id);
      if (!meta || !track) throw new CodedError('NOT_FOUND', 'That transcript no longer exists.');
      let mediaUrl: string | null = null;
      const ext = meta.sourcePath ? extname(meta.sourcePath).toLowerCase() : '';
      if (meta.sourcePath) {
        // The editor plays the original file through the signed-URL server (loopback address).
        const hosting = await app.hosting();
        const fileId = app.hosted.register(meta.sourcePath, MIME_BY_EXT[ext.slice(1)] ?? 'application/octet-stream', null);
        mediaUrl = hosting.localUrlFor(fileId, 12 * 3600);
      }
      return { meta, track, mediaUrl, mediaKind: VIDEO_EXT.has(ext) ? 'video' : 'audio' };
    },
    'transcript:save': ({ id, track }) => {
      app.transcripts.saveTrack(id, track);
      return { updatedAt: app.transcripts.meta(id)?.updatedAt ?? Date.now() };
    },
    'transcript:rename': ({ id, title }) => {
      app.transcripts.rename(id, title);
      return {};
    },
    'transcript:export': ({ id, options }) => {
      const meta = app.transcripts.meta(id);
      const track = app.transcripts.track(id);
      if (!meta || !track) throw new CodedError('NOT_FOUND', 'That transcript no longer exists.');
      const bytes = exportTrack(track, options);
      const mime = { srt: 'application/x-subrip', vtt: 'text/vtt', txt: 'text/plain', json: 'application/json' }[options.format];
      const stem = meta.sourcePath ? basename(meta.sourcePath, extname(meta.sourcePath)) : meta.title;
      return { fileName: `${stem}.${options.format}`, mime: `${mime}; charset=utf-8`, base64: Buffer.from(bytes).toString('base64') };
    },
    'media:peaks': async ({ id }) => {
      const meta = app.transcripts.meta(id);
      if (!meta?.sourcePath) throw new CodedError('NOT_FOUND', 'This transcript has no media file.');
      const p = await waveformPeaks(meta.sourcePath, meta.durationMs, app.tools(), join(app.home, 'peaks'));
      return { perSecond: p.perSecond, durationMs: p.durationMs, peaks: Buffer.from(p.data.buffer, p.data.byteOffset, p.data.byteLength).toString('base64') };
    },
    'hotwords:list': async () => {
      const client = app.client();
      const active = app.settings.get<string>('hotwordListId');
      const lists = await client.listVocabularies(HOTWORD_PREFIX, 0, MAX_LISTS);
      return Promise.all(
        lists.map(async (l) => {
          const q = await client.queryVocabulary(l.vocabulary_id);
          return { id: l.vocabulary_id, targetModel: q.target_model ?? '', status: q.status ?? l.status ?? 'OK', entries: q.vocabulary, active: l.vocabulary_id === active };
        }),
      );
    },
    'hotwords:save': async ({ id, model, entries }) => {
      const problems = checkEntries(entries);
      if (problems.length) throw new CodedError('HOTWORDS_INVALID', `Hotwords not saved: ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? ` (+${problems.length - 3} more)` : ''}.`);
      const client = app.client();
      let listId = id;
      if (listId) {
        const current = await client.queryVocabulary(listId);
        if (current.target_model && current.target_model !== model) throw new CodedError('HOTWORD_MODEL_MISMATCH', `This list was made for ${current.target_model}; create a new list for ${model}.`);
        await client.updateVocabulary(listId, entries);
      } else {
        const all = await client.listVocabularies(undefined, 0, MAX_LISTS);
        if (all.length >= MAX_LISTS) throw new CodedError('HOTWORD_QUOTA', `The account already has ${MAX_LISTS} hotword lists (the most the service allows, across all apps). Delete one first.`);
        listId = await client.createVocabulary(model, HOTWORD_PREFIX, entries);
      }
      app.settings.set('hotwordListId', listId);
      app.settings.set('hotwordModel', model);
      app.settings.set('hotwordTerms', entries.map((e) => e.text));
      const q = await client.queryVocabulary(listId);
      return { id: listId, targetModel: q.target_model ?? model, status: q.status ?? 'OK', entries: q.vocabulary, active: true };
    },
    'hotwords:delete': async ({ id }) => {
      await app.client().deleteVocabulary(id);
      if (app.settings.get<string>('hotwordListId') === id) {
        app.settings.delete('hotwordListId');
        app.settings.delete('hotwordModel');
      }
      return {};
    },
    'corrections:record': ({ terms }) => {
      const counts = app.settings.get<Record<string, number>>('correctionCounts') ?? {};
      const known = new Set([...(app.settings.get<string[]>('learnedTerms') ?? []), ...(app.settings.get<string[]>('declinedTerms') ?? [])].map((t) => t.toLowerCase()));
      for (const t of terms) counts[t] = (counts[t] ?? 0) + 1;
      app.settings.set('correctionCounts', counts);
      return { proposals: [...new Set(terms)].filter((t) => (counts[t] ?? 0) >= PROPOSE_AFTER && !known.has(t.toLowerCase())) };
    },
    'corrections:decide': async ({ term, accept }) => {
      if (!accept) {
        app.settings.set('declinedTerms', [...(app.settings.get<string[]>('declinedTerms') ?? []), term]);
        return { addedToHotwords: false };
      }
      app.settings.set('learnedTerms', [...new Set([...(app.settings.get<string[]>('learnedTerms') ?? []), term])]);
      // Also into the active hotword list, when there is one and a key to reach the service.
      const listId = app.settings.get<string>('hotwordListId');
      if (!listId || !app.service().hasApiKey) return { addedToHotwords: false };
      const client = app.client();
      const list = await client.queryVocabulary(listId);
      if (list.vocabulary.some((e) => e.text.toLowerCase() === term.toLowerCase())) return { addedToHotwords: true };
      const entries = [...list.vocabulary, { text: term, weight: 4 }];
      const problems = checkEntries(entries);
      if (problems.length) throw new CodedError('HOTWORDS_INVALID', `"${term}" cannot be a hotword: ${problems[0]}.`);
      await client.updateVocabulary(listId, entries);
      app.settings.set('hotwordTerms', entries.map((e) => e.text));
      return { addedToHotwords: true };
    },
    'settings:get': () => readSettings(app),
    'settings:set': (patch) => {
      for (const [k, v] of Object.entries(patch)) {
        if (v === undefined || v === null || v === '') app.settings.delete(k);
        else app.settings.set(k, v);
      }
      return readSettings(app);
    },
    'settings:setApiKey': ({ apiKey }) => {
      saveKey(apiKey.trim());
      return readSettings(app);
    },
  };

  return {
    async call(method: string, payload: unknown): Promise<Reply<unknown>> {
      if (!Object.hasOwn(contract, method)) return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `Unknown method ${method}` } };
      const m = method as Method;
      const parsed = contract[m].input.safeParse(payload ?? {});
      if (!parsed.success) {
        const i = parsed.error.issues[0];
        return { ok: false, error: { code: 'INVALID_INPUT', message: `${method}: ${i?.path.join('.') || 'input'} ${i?.message ?? 'is invalid'}` } };
      }
      try {
        const value = await (handlers[m] as (i: unknown) => unknown)(parsed.data);
        return { ok: true, value };
      } catch (e) {
        return { ok: false, error: toAppError(e) };
      }
    },
  };
}

export type Api = ReturnType<typeof createApi>;

import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { RATE_WINDOW_MS, RateLimiter, TokenRateLimiter } from '../core/rate-limiter';
import type { Region } from '../core/pricing';
import { DashScopeClient } from './dashscope/client';
import { MtClient } from './dashscope/mt-client';
import { TranslationJobsRepo } from './db/repos/translation-jobs';
import { TranslationsRepo } from './db/repos/translations';
import { TranslationRunner } from './translate/runner';
import type { TranslationJobView } from '../shared/translation-jobs';
import type { BurnJobView } from '../shared/burn/job';
import { isLoopbackUrl, resolveBaseUrl } from './dashscope/regions';
import { defaultHome, openDb, type Db } from './db/connection';
import { secureLibraryFolder } from './db/permissions';
import { HostedFilesRepo } from './db/repos/hosted';
import { JobsRepo } from './db/repos/jobs';
import { MediaRepo } from './db/repos/media';
import { SettingsRepo } from './db/repos/settings';
import { StateRepo } from './db/repos/state';
import { TranscriptsRepo } from './db/repos/transcripts';
import { newSigningSecret } from './hosting/signer';
import { startHosting, type HostingServer } from './hosting/server';
import { autoContext, translationGlossary } from './context';
import { stopBurns } from './burn/service';
import { ChildRegistry } from './jobs/children';
import { JobRunner } from './jobs/runner';
import { SERVICE_PRIOR, learnService } from '../core/progress';
import { locateTools, type ToolPaths } from './media/locate';
import { locateYtDlp } from './media/ytdlp';
import type { JobView } from '../shared/jobs';

export interface AppOptions {
  home?: string;
  env?: NodeJS.ProcessEnv;
  resourcesDir?: string;
  /** better-sqlite3's native module for a runtime other than this Node (Electron in development). */
  nativeBinding?: string;
  /** Per-run overrides (CLI flags). */
  publicBaseUrl?: string;
  onUpdate?: (v: JobView) => void;
  /** A translation job changed (issue 11). */
  onTranslationUpdate?: (v: TranslationJobView) => void;
  /** A burn-in changed (stage, progress, ETA): its service subscribes this when it is made. */
  onBurnUpdate?: (v: BurnJobView) => void;
  log?: (line: string) => void;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface App {
  home: string;
  db: Db;
  /** User settings (typed, validated; env wins where named). */
  settings: SettingsRepo;
  /** Internal state, apart from user settings. */
  state: StateRepo;
  transcripts: TranscriptsRepo;
  jobs: JobsRepo;
  hosted: HostedFilesRepo;
  runner: JobRunner;
  /** Translated cue text and the translation memory (issue 11). */
  translations: TranslationsRepo;
  /** Translation jobs (issue 11). */
  translator: TranslationRunner;
  /** Current service endpoint and key presence (settings can change while the app runs). */
  service(): { baseUrl: string; region: Region; hasApiKey: boolean };
  hosting(): Promise<HostingServer>;
  tools(): ToolPaths;
  /** yt-dlp for web-page links (issue 14); throws YTDLP_MISSING when it is not installed. */
  ytDlp(): string;
  /** The Fun-ASR client for the current settings (throws SERVICE_NO_KEY without a key). */
  client(): DashScopeClient;
  /** Where burn-in updates go (AppOptions.onBurnUpdate). */
  onBurnUpdate?: ((v: BurnJobView) => void) | undefined;
  close(): Promise<void>;
}

/** The composition root shared by the CLI, the headless server and Electron. */
export function openApp(o: AppOptions = {}): App {
  const env = o.env ?? process.env;
  const home = o.home ?? defaultHome(env);
  const audioDir = join(home, 'audio');
  mkdirSync(audioDir, { recursive: true, mode: 0o700 });
  secureLibraryFolder(home);
  const db = openDb(join(home, 'library.db'), { nativeBinding: o.nativeBinding });
  const now = o.now ?? Date.now;
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const settings = new SettingsRepo(db, env);
  const state = new StateRepo(db);
  let secret = state.get('signingSecret');
  if (!secret) {
    secret = newSigningSecret();
    state.set('signingSecret', secret);
  }
  // Read on every use: the Settings screen changes these while jobs run.
  const config = () => {
    const v = settings.values();
    const region: Region = v.region;
    const baseUrl = resolveBaseUrl({ region, workspaceId: v.workspaceId, baseUrl: v.baseUrl });
    const apiKey = v.apiKey ?? '';
    const publicBaseUrl = o.publicBaseUrl ?? v.publicBaseUrl;
    return { region, baseUrl, apiKey, publicBaseUrl, workspaceId: v.workspaceId };
  };
  const limiters = {
    submit: new RateLimiter(settings.get('submitRps'), RATE_WINDOW_MS, now, sleep),
    query: new RateLimiter(settings.get('queryQps'), RATE_WINDOW_MS, now, sleep),
  };
  const hosted = new HostedFilesRepo(db, now);
  hosted.pruneExpiredPreviews();
  let client: { key: string; client: DashScopeClient } | undefined;
  let hosting: Promise<HostingServer> | undefined;
  let tools: ToolPaths | undefined;
  const startHost = async (): Promise<HostingServer> => {
    const port = state.get('hostingPort');
    const opts = { secret: secret as string, lookup: (id: string) => hosted.lookup(id), onRequest: (id: string) => hosted.recordRequest(id), onServed: (id: string) => hosted.recordServed(id), host: settings.get('bindHost'), publicBaseUrl: () => config().publicBaseUrl, now };
    // Keep the port across runs: URLs handed to the service before a restart must still work.
    const server = await startHosting({ ...opts, port: port ?? 0 }).catch(() => startHosting({ ...opts, port: 0 }));
    if (server.port !== port) state.set('hostingPort', server.port);
    return server;
  };
  const getClient = (): DashScopeClient => {
    const c = config();
    const key = `${c.baseUrl}\n${c.apiKey}\n${c.workspaceId ?? ''}`;
    if (!client || client.key !== key) client = { key, client: new DashScopeClient({ baseUrl: c.baseUrl, apiKey: c.apiKey, workspaceId: c.workspaceId, limiters, sleep }) };
    return client.client;
  };
  // Qwen-MT: one limiter per model, shared by every translation job (limits are per account and model).
  // CAPTIONER_MT_WINDOW_MS shortens the minute for tests and benchmarks against a scaled emulator.
  const mtWindowMs = Number(env.CAPTIONER_MT_WINDOW_MS) > 0 ? Number(env.CAPTIONER_MT_WINDOW_MS) : 60_000;
  const mtLimits = () => ({ requests: settings.get('mtRequestsPerMinute'), tokens: settings.get('mtTokensPerMinute') });
  const mtLimiters = new Map<string, TokenRateLimiter>();
  const mtLimiter = (model: string): TokenRateLimiter => {
    let l = mtLimiters.get(model);
    if (!l) mtLimiters.set(model, (l = new TokenRateLimiter(mtLimits, mtWindowMs, now, sleep)));
    return l;
  };
  let mtClient: { key: string; client: MtClient } | undefined;
  const getMtClient = (): MtClient => {
    const c = config();
    const key = `${c.baseUrl}\n${c.apiKey}\n${c.workspaceId ?? ''}`;
    if (!mtClient || mtClient.key !== key) mtClient = { key, client: new MtClient({ baseUrl: c.baseUrl, apiKey: c.apiKey, workspaceId: c.workspaceId, limiter: mtLimiter, sleep }) };
    return mtClient.client;
  };
  const translations = new TranslationsRepo(db, now);
  const app: App = {
    home, db, settings, state, hosted, translations,
    translator: undefined as unknown as TranslationRunner,
    transcripts: new TranscriptsRepo(db, now),
    jobs: new JobsRepo(db, now),
    service: () => {
      const c = config();
      return { baseUrl: c.baseUrl, region: c.region, hasApiKey: Boolean(c.apiKey) };
    },
    hosting: () => (hosting ??= startHost()),
    client: getClient,
    tools: () => (tools ??= locateTools({ ffmpeg: settings.get('ffmpegPath'), ffprobe: settings.get('ffprobePath'), resourcesDir: o.resourcesDir, env })),
    ytDlp: () => locateYtDlp({ setting: settings.get('ytDlpPath'), env }),
    runner: undefined as unknown as JobRunner,
    onBurnUpdate: o.onBurnUpdate,
    close: async () => {
      await app.translator.stop();
      await app.runner.stop();
      await stopBurns(app);
      if (hosting) await (await hosting).close();
      db.close();
    },
  };
  app.runner = new JobRunner({
    jobs: app.jobs, media: new MediaRepo(db, now), transcripts: app.transcripts, hosted, children: new ChildRegistry(db, now),
    transaction: (fn) => db.transaction(fn)(),
    tools: app.tools,
    ytDlp: app.ytDlp,
    ...(env.CAPTIONER_URL_TIMEOUT_MS ? { urlTimeoutMs: Number(env.CAPTIONER_URL_TIMEOUT_MS) } : {}),
    client: getClient,
    hosting: app.hosting,
    delivery: () => {
      const c = config();
      return { serviceIsLoopback: isLoopbackUrl(c.baseUrl), hasPublicBaseUrl: Boolean(c.publicBaseUrl) };
    },
    urlTtlSeconds: settings.get('urlTtlSeconds'),
    region: () => config().region,
    audioDir,
    analysisDir: join(home, 'speech'),
    extractSlots: availableParallelism(),
    now, sleep,
    ...(o.onUpdate ? { onUpdate: o.onUpdate } : {}),
    ...(o.log ? { log: o.log } : {}),
    quickContext: () => autoContext(app),
    serviceStats: () => state.get('serviceStats') ?? SERVICE_PRIOR,
    learnService: (obs) => state.set('serviceStats', learnService(state.get('serviceStats') ?? SERVICE_PRIOR, obs)),
  });
  app.translator = new TranslationRunner({
    jobs: new TranslationJobsRepo(db, now), translations, transcripts: app.transcripts,
    transaction: (fn) => db.transaction(fn)(),
    client: getMtClient,
    glossary: () => translationGlossary(app),
    memory: (source, target) => translations.memory(source, target),
    region: () => config().region,
    now, limits: mtLimits, windowMs: mtWindowMs,
    ...(o.onTranslationUpdate ? { onUpdate: o.onTranslationUpdate } : {}),
    ...(o.log ? { log: o.log } : {}),
  });
  return app;
}

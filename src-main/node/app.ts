import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { RATE_WINDOW_MS, RateLimiter } from '../core/rate-limiter';
import type { Region } from '../core/pricing';
import { DashScopeClient } from './dashscope/client';
import { isLoopbackUrl, resolveBaseUrl } from './dashscope/regions';
import { defaultHome, openDb, type Db } from './db/connection';
import { secureLibraryFolder } from './db/permissions';
import { HostedFilesRepo } from './db/repos/hosted';
import { JobsRepo } from './db/repos/jobs';
import { MediaRepo } from './db/repos/media';
import { SettingsRepo } from './db/repos/settings';
import { TranscriptsRepo } from './db/repos/transcripts';
import { newSigningSecret } from './hosting/signer';
import { startHosting, type HostingServer } from './hosting/server';
import { autoContext } from './context';
import { ChildRegistry } from './jobs/children';
import { JobRunner } from './jobs/runner';
import { locateTools, type ToolPaths } from './media/locate';
import type { JobView } from '../shared/jobs';

/** Settings a person can change (`captioner config`, the Settings screen); env vars win where named. */
export const SETTING_KEYS = {
  apiKey: 'DashScope API key (env DASHSCOPE_API_KEY wins)',
  region: 'beijing | singapore (env DASHSCOPE_REGION)',
  workspaceId: 'workspace id for the dedicated host',
  baseUrl: 'explicit service base URL, e.g. https://dashscope.aliyuncs.com/api/v1 (env DASHSCOPE_BASE_URL wins)',
  publicBaseUrl: 'URL at which the service reaches the signed-URL server (tunnel, proxy, port forward)',
  bindHost: 'address the signed-URL server binds to (default 127.0.0.1)',
  hostingPort: 'port of the signed-URL server (chosen on first run, then kept)',
  urlTtlSeconds: 'lifetime of signed URLs (default 86400)',
  delivery: 'auto | signed-url | upload',
  model: 'default model (fun-asr, fun-asr-2025-11-07, fun-asr-2025-08-25, fun-asr-mtl, ...)',
  language: 'default language hint (zh, en, ja, ...)',
  presetId: 'caption preset (netflix-en, netflix-en-20, netflix-zh-hans, netflix-ja, netflix-ko, bbc, vertical)',
  exportFormat: 'srt | vtt | ass | ssa | ttml | sbv | lrc | fcpxml | txt | json',
  exportNameTemplate: 'export file names, e.g. {name}.{lang}.{format} (fields: name, title, lang, format, date)',
  exportFolder: 'folder exports are written to (default: beside the source file)',
  exportBom: 'true | false: write a UTF-8 BOM',
  exportLineEnding: 'lf | crlf',
  submitRps: 'client-side submit limit per second (default 10)',
  queryQps: 'client-side query limit per second (default 20)',
  quickMode: 'true | false: quick mode (fun-asr-flash) by default',
  quickContext: 'free text sent as context in quick mode (names, terms)',
  ffmpegPath: 'path to ffmpeg (env CAPTIONER_FFMPEG wins)',
  ffprobePath: 'path to ffprobe (env CAPTIONER_FFPROBE wins)',
} as const;
export type SettingKey = keyof typeof SETTING_KEYS;

export interface AppOptions {
  home?: string;
  env?: NodeJS.ProcessEnv;
  resourcesDir?: string;
  /** better-sqlite3's native module for a runtime other than this Node (Electron in development). */
  nativeBinding?: string;
  /** Per-run overrides (CLI flags). */
  publicBaseUrl?: string;
  onUpdate?: (v: JobView) => void;
  log?: (line: string) => void;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface App {
  home: string;
  db: Db;
  settings: SettingsRepo;
  transcripts: TranscriptsRepo;
  jobs: JobsRepo;
  hosted: HostedFilesRepo;
  runner: JobRunner;
  /** Current service endpoint and key presence (settings can change while the app runs). */
  service(): { baseUrl: string; region: Region; hasApiKey: boolean };
  hosting(): Promise<HostingServer>;
  tools(): ToolPaths;
  /** The Fun-ASR client for the current settings (throws SERVICE_NO_KEY without a key). */
  client(): DashScopeClient;
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
  const settings = new SettingsRepo(db);
  const s = <T>(k: SettingKey): T | undefined => settings.get<T>(k);
  let secret = settings.get<string>('signingSecret');
  if (!secret) {
    secret = newSigningSecret();
    settings.set('signingSecret', secret);
  }
  // Read on every use: the Settings screen changes these while jobs run.
  const config = () => {
    const region = ((env.DASHSCOPE_REGION ?? s<string>('region') ?? 'beijing') === 'singapore' ? 'singapore' : 'beijing') as Region;
    const baseUrl = resolveBaseUrl({ region, workspaceId: s<string>('workspaceId'), baseUrl: env.DASHSCOPE_BASE_URL || s<string>('baseUrl') });
    const apiKey = env.DASHSCOPE_API_KEY || s<string>('apiKey') || '';
    const publicBaseUrl = o.publicBaseUrl ?? s<string>('publicBaseUrl');
    return { region, baseUrl, apiKey, publicBaseUrl, workspaceId: s<string>('workspaceId') };
  };
  const limiters = {
    submit: new RateLimiter(Number(s<number>('submitRps') ?? 10), RATE_WINDOW_MS, now, sleep),
    query: new RateLimiter(Number(s<number>('queryQps') ?? 20), RATE_WINDOW_MS, now, sleep),
  };
  const hosted = new HostedFilesRepo(db, now);
  hosted.pruneExpiredPreviews();
  let client: { key: string; client: DashScopeClient } | undefined;
  let hosting: Promise<HostingServer> | undefined;
  let tools: ToolPaths | undefined;
  const startHost = async (): Promise<HostingServer> => {
    const port = s<number>('hostingPort');
    const opts = { secret: secret as string, lookup: (id: string) => hosted.lookup(id), onRequest: (id: string) => hosted.recordRequest(id), onServed: (id: string) => hosted.recordServed(id), host: s<string>('bindHost') ?? '127.0.0.1', publicBaseUrl: () => config().publicBaseUrl, now };
    // Keep the port across runs: URLs handed to the service before a restart must still work.
    const server = await startHosting({ ...opts, port: port ?? 0 }).catch(() => startHosting({ ...opts, port: 0 }));
    if (server.port !== port) settings.set('hostingPort', server.port);
    return server;
  };
  const getClient = (): DashScopeClient => {
    const c = config();
    const key = `${c.baseUrl}\n${c.apiKey}\n${c.workspaceId ?? ''}`;
    if (!client || client.key !== key) client = { key, client: new DashScopeClient({ baseUrl: c.baseUrl, apiKey: c.apiKey, workspaceId: c.workspaceId, limiters, sleep }) };
    return client.client;
  };
  const app: App = {
    home, db, settings, hosted,
    transcripts: new TranscriptsRepo(db, now),
    jobs: new JobsRepo(db, now),
    service: () => {
      const c = config();
      return { baseUrl: c.baseUrl, region: c.region, hasApiKey: Boolean(c.apiKey) };
    },
    hosting: () => (hosting ??= startHost()),
    client: getClient,
    tools: () => (tools ??= locateTools({ ffmpeg: s<string>('ffmpegPath'), ffprobe: s<string>('ffprobePath'), resourcesDir: o.resourcesDir, env })),
    runner: undefined as unknown as JobRunner,
    close: async () => {
      await app.runner.stop();
      if (hosting) await (await hosting).close();
      db.close();
    },
  };
  app.runner = new JobRunner({
    jobs: app.jobs, media: new MediaRepo(db, now), transcripts: app.transcripts, hosted, children: new ChildRegistry(db, now),
    transaction: (fn) => db.transaction(fn)(),
    tools: app.tools,
    client: getClient,
    hosting: app.hosting,
    delivery: () => {
      const c = config();
      return { serviceIsLoopback: isLoopbackUrl(c.baseUrl), hasPublicBaseUrl: Boolean(c.publicBaseUrl) };
    },
    urlTtlSeconds: Number(s<number>('urlTtlSeconds') ?? 86_400),
    region: () => config().region,
    audioDir,
    extractSlots: availableParallelism(),
    now, sleep,
    ...(o.onUpdate ? { onUpdate: o.onUpdate } : {}),
    ...(o.log ? { log: o.log } : {}),
    quickContext: () => autoContext(app),
  });
  return app;
}

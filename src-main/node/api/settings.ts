import { RENDERER_WRITABLE, VIEW_KEYS, isSettingKey, settingWriter, type SettingKey } from '../../shared/settings';
import type { SettingsView } from '../../shared/ipc/contract';
import { CodedError } from '../../shared/result';
import type { App } from '../app';
import { REGION_HOSTS } from '../dashscope/regions';
import type { ApiContext, Handlers } from './types';

/** Settings as the renderer sees them (from the one table): never the API key or the signing secret. */
export function readSettings(app: App): SettingsView {
  const values = app.settings.values();
  const view: Record<string, unknown> = { hasApiKey: app.service().hasApiKey, learnedTerms: app.state.get('learnedTerms') ?? [] };
  for (const k of VIEW_KEYS) if (values[k] !== undefined) view[k] = values[k];
  return view as SettingsView;
}

/** The hosts the API key may be sent to when the renderer chooses (funasr-api.md §1.1). */
export function isDashScopeUrl(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'https:' || u.username || u.password || (u.port && u.port !== '443')) return false;
  const shared = Object.values(REGION_HOSTS).map((h) => new URL(h.shared).hostname);
  const workspace = Object.values(REGION_HOSTS).map((h) => new URL(h.workspace('x')).hostname.slice(1)); // ".cn-beijing.maas.aliyuncs.com"
  return shared.includes(u.hostname) || workspace.some((suffix) => u.hostname.endsWith(suffix) && /^[a-z0-9-]+$/i.test(u.hostname.slice(0, -suffix.length)));
}

export function settingsHandlers(ctx: ApiContext): Pick<Handlers, 'settings:get' | 'settings:set' | 'settings:setApiKey'> {
  const { app } = ctx;
  return {
    'settings:get': () => readSettings(app),
    'settings:set': (patch) => {
      const entries = (Object.entries(patch as Record<string, unknown>) as [string, unknown][]).filter((e): e is [SettingKey, unknown] => isSettingKey(e[0]) && (RENDERER_WRITABLE as string[]).includes(e[0]));
      for (const [k, v] of entries) {
        // The key follows baseUrl: from the renderer only a DashScope host, or the value the CLI or
        // config already set (the Settings screen sends the field back unchanged on blur).
        if (settingWriter(k) === 'dashscope-host' && typeof v === 'string' && v && v !== app.settings.get(k) && !isDashScopeUrl(v)) {
          throw new CodedError('BASE_URL_NOT_ALLOWED', `${v} is not a DashScope address; the API key is only sent to ${Object.values(REGION_HOSTS).map((h) => new URL(h.shared).hostname).join(', ')} or a workspace host. Other addresses can be set with "captioner config set baseUrl" or DASHSCOPE_BASE_URL.`, { url: v });
        }
      }
      // All or nothing: every value is validated before the first is stored. A field sent back
      // unchanged whose value comes from the environment is not copied into the library.
      const { values, sources } = app.settings.resolve();
      app.db.transaction(() => {
        for (const [k, v] of entries) {
          if (v === undefined || (sources[k] === 'env' && JSON.stringify(v) === JSON.stringify(values[k]))) continue;
          if (v === null || v === '') app.settings.unset(k);
          else app.settings.set(k, v);
        }
      })();
      return readSettings(app);
    },
    'settings:setApiKey': ({ apiKey }) => {
      ctx.saveKey(apiKey.trim());
      return readSettings(app);
    },
  };
}

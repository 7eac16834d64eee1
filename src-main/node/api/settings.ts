import { DEFAULT_NAME_TEMPLATE } from '../../shared/formats/naming';
import type { SettingsView } from '../../shared/ipc/contract';
import { CodedError } from '../../shared/result';
import type { App } from '../app';
import { REGION_HOSTS } from '../dashscope/regions';
import type { ApiContext, Handlers } from './types';

/** Settings as the renderer sees them: never the API key or the signing secret. */
export function readSettings(app: App): SettingsView {
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
    exportNameTemplate: g<string>('exportNameTemplate') ?? DEFAULT_NAME_TEMPLATE,
    maskWords: g<string[]>('maskWords') ?? [],
    removeWords: g<string[]>('removeWords') ?? [],
    systemReservedFilter: g<boolean>('systemReservedFilter') ?? true,
    uiLanguage: g<'en' | 'zh-CN'>('uiLanguage') ?? 'en',
    theme: g<'system' | 'light' | 'dark'>('theme') ?? 'system',
    quickMode: g<boolean>('quickMode') ?? false,
    learnedTerms: g<string[]>('learnedTerms') ?? [],
  };
  for (const k of ['baseUrl', 'workspaceId', 'language', 'publicBaseUrl', 'hotwordListId', 'hotwordModel', 'quickContext', 'exportFolder'] as const) {
    const v = g<string>(k);
    if (v) view[k] = v;
  }
  const sc = g<number>('speakerCount');
  if (sc) view.speakerCount = sc;
  return view;
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
      // The key follows baseUrl: from the renderer only a DashScope host, or the value the CLI or
      // config already set (the Settings screen sends the field back unchanged on blur).
      const url = patch.baseUrl;
      if (url && url !== app.settings.get<string>('baseUrl') && !isDashScopeUrl(url)) {
        throw new CodedError('BASE_URL_NOT_ALLOWED', `${url} is not a DashScope address; the API key is only sent to ${Object.values(REGION_HOSTS).map((h) => new URL(h.shared).hostname).join(', ')} or a workspace host. Other addresses can be set with "captioner config set baseUrl" or DASHSCOPE_BASE_URL.`);
      }
      for (const [k, v] of Object.entries(patch)) {
        if (v === undefined || v === null || v === '') app.settings.delete(k);
        else app.settings.set(k, v);
      }
      return readSettings(app);
    },
    'settings:setApiKey': ({ apiKey }) => {
      ctx.saveKey(apiKey.trim());
      return readSettings(app);
    },
  };
}

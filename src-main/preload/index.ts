import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { EventName, Method } from '../shared/ipc/contract';

// An allowlist over the contract, no logic: `satisfies` makes a missing or unknown name a type error.
const METHODS = {
  'app:info': true, 'jobs:list': true, 'jobs:add': true, 'jobs:cancel': true, 'jobs:retry': true, 'jobs:remove': true, 'library:list': true,
  'library:search': true, 'library:delete': true, 'library:import': true, 'transcript:get': true, 'transcript:save': true, 'transcript:rename': true, 'transcript:setLanguage': true,
  'transcript:export': true, 'media:peaks': true, 'media:spectrogram': true, 'transcript:setLocalMedia': true, 'settings:get': true, 'settings:set': true, 'settings:setApiKey': true, 'hotwords:list': true, 'hotwords:save': true, 'hotwords:delete': true, 'corrections:record': true, 'corrections:decide': true,
  'burn:options': true, 'burn:preview': true, 'burn:setPrefs': true, 'burn:start': true, 'burn:get': true, 'burn:cancel': true, 'burn:media': true,
  'editor:keymap:get': true, 'editor:keymap:set': true, 'editor:analysis': true, 'editor:shots': true, 'editor:retranscribe': true,
  'translation:estimate': true, 'translation:start': true, 'translation:jobs': true, 'translation:cancel': true, 'translation:retry': true, 'translation:get': true,
  'translation:languages': true, 'translation:save': true, 'translation:speakerNames': true,
} satisfies Record<Method, true>;
const EVENTS = { 'job:update': true, 'translation:update': true, 'burn:update': true } satisfies Record<EventName, true>;

contextBridge.exposeInMainWorld('captioner', {
  call: (method: string, input: unknown) =>
    Object.hasOwn(METHODS, method) ? ipcRenderer.invoke('rpc', method, input) : Promise.resolve({ ok: false, error: { code: 'UNKNOWN_METHOD', message: method } }),
  on: (event: string, listener: (payload: unknown) => void) => {
    if (!Object.hasOwn(EVENTS, event)) return () => undefined;
    const handler = (_e: unknown, name: string, payload: unknown): void => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on('event', handler);
    return () => ipcRenderer.removeListener('event', handler);
  },
  pathForFile: (file: File) => webUtils.getPathForFile(file),
});

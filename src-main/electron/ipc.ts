import { ipcMain, type WebContents, type WebFrameMain } from 'electron';
import type { Api } from '../node/api';

/**
 * One channel for every contract method: the payload is validated inside `api.call`; calls from
 * anything but the top frame of one of our own windows are refused.
 */
export function registerIpc(api: Api, isOurs: (sender: WebContents, frame: WebFrameMain | null) => boolean): void {
  ipcMain.handle('rpc', async (event, method: unknown, payload: unknown) => {
    if (!isOurs(event.sender, event.senderFrame)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Calls are accepted only from the Captioner window.' } };
    }
    if (typeof method !== 'string') return { ok: false, error: { code: 'INVALID_INPUT', message: 'method must be a string' } };
    return api.call(method, payload);
  });
}

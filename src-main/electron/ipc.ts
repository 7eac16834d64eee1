import { ipcMain, type BrowserWindow } from 'electron';
import type { Api } from '../node/api';

/**
 * One channel for every contract method: the payload is validated inside `api.call`; calls from
 * any frame other than our own window's top frame are refused.
 */
export function registerIpc(api: Api, win: () => BrowserWindow | null): void {
  ipcMain.handle('rpc', async (event, method: unknown, payload: unknown) => {
    const w = win();
    if (!w || event.sender !== w.webContents || event.senderFrame !== w.webContents.mainFrame) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Calls are accepted only from the Captioner window.' } };
    }
    if (typeof method !== 'string') return { ok: false, error: { code: 'INVALID_INPUT', message: 'method must be a string' } };
    return api.call(method, payload);
  });
}

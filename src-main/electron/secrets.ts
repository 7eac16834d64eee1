import { safeStorage } from 'electron';
import type { StateRepo } from '../node/db/repos/state';

/**
 * The API key is encrypted with the OS keychain (safeStorage) before it touches the library, and
 * only main ever holds it in clear: the renderer learns whether a key exists, never the key.
 */
export function loadApiKey(settings: StateRepo): string | undefined {
  const enc = settings.get('apiKeyEncrypted');
  if (!enc || !safeStorage.isEncryptionAvailable()) return undefined;
  try {
    return safeStorage.decryptString(Buffer.from(enc, 'base64'));
  } catch {
    return undefined;
  }
}

export function saveApiKey(settings: StateRepo, env: NodeJS.ProcessEnv, key: string): void {
  if (!key) {
    settings.delete('apiKeyEncrypted');
    delete env.DASHSCOPE_API_KEY;
    return;
  }
  if (!safeStorage.isEncryptionAvailable()) throw new Error('The OS keychain is not available, so the API key cannot be stored safely. Set DASHSCOPE_API_KEY instead.');
  settings.set('apiKeyEncrypted', safeStorage.encryptString(key).toString('base64'));
  env.DASHSCOPE_API_KEY = key;
}

import { SETTING_KEYS, openApp, type SettingKey } from '../node/app';

type Io = { stdout: NodeJS.WriteStream; stderr: NodeJS.WriteStream; env: NodeJS.ProcessEnv };

/** The key is shown masked: secrets never reach a terminal log or a screen share in full. */
const show = (k: string, v: unknown): string => (k === 'apiKey' && typeof v === 'string' ? `${v.slice(0, 3)}…${v.slice(-2)} (${v.length} chars)` : JSON.stringify(v));

function parseValue(key: SettingKey, raw: string): unknown {
  if (['exportBom', 'quickMode'].includes(key)) {
    if (raw !== 'true' && raw !== 'false') throw new Error(`${key} must be true or false`);
    return raw === 'true';
  }
  if (['hostingPort', 'urlTtlSeconds', 'submitRps', 'queryQps'].includes(key)) {
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${key} must be a positive number`);
    return n;
  }
  if (key === 'region' && raw !== 'beijing' && raw !== 'singapore') throw new Error('region must be beijing or singapore (Fun-ASR is not offered in the US region)');
  if (key === 'delivery' && !['auto', 'signed-url', 'upload'].includes(raw)) throw new Error('delivery must be auto, signed-url or upload');
  if ((key === 'baseUrl' || key === 'publicBaseUrl') && !/^https?:\/\//.test(raw)) throw new Error(`${key} must be an http(s) URL`);
  return raw;
}

export async function runConfig(sub: string | undefined, rest: string[], io: Io): Promise<number> {
  const app = openApp({ env: io.env });
  try {
    const key = rest[0] as SettingKey | undefined;
    if ((sub === 'get' || sub === 'set' || sub === 'unset') && (!key || !(key in SETTING_KEYS))) {
      io.stderr.write(`Unknown setting "${key ?? ''}". Settings:\n${Object.entries(SETTING_KEYS).map(([k, d]) => `  ${k.padEnd(16)} ${d}`).join('\n')}\n`);
      return 2;
    }
    switch (sub) {
      case 'list':
      case undefined: {
        const all = app.settings.all();
        for (const [k, d] of Object.entries(SETTING_KEYS)) io.stdout.write(`${k.padEnd(16)} ${k in all ? show(k, all[k]) : '(default)'}  # ${d}\n`);
        io.stdout.write(`\nlibrary: ${app.home}\nservice: ${app.service().baseUrl} (${app.service().region})\n`);
        return 0;
      }
      case 'get':
        io.stdout.write(`${show(key as string, app.settings.get(key as string) ?? null)}\n`);
        return 0;
      case 'set': {
        if (rest[1] === undefined) {
          io.stderr.write(`captioner config set ${key} <value>\n`);
          return 2;
        }
        try {
          app.settings.set(key as string, parseValue(key as SettingKey, rest[1]));
        } catch (e) {
          io.stderr.write(`${(e as Error).message}\n`);
          return 2;
        }
        io.stdout.write(`${key} = ${show(key as string, app.settings.get(key as string))}\n`);
        return 0;
      }
      case 'unset':
        app.settings.delete(key as string);
        return 0;
      default:
        io.stderr.write('usage: captioner config list | get <key> | set <key> <value> | unset <key>\n');
        return 2;
    }
  } finally {
    await app.close();
  }
}

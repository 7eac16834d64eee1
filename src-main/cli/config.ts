import { openApp } from '../node/app';
import { toAppError } from '../shared/result';
import { SETTING_KEYS, isSecretSetting, isSettingKey, maskSecret, parseSetting, settingDescription, settingEnv, settingFromText, type SettingKey, type SettingSource } from '../shared/settings';

type Io = { stdout: NodeJS.WriteStream; stderr: NodeJS.WriteStream; env: NodeJS.ProcessEnv };

export const CONFIG_HELP = `captioner config — your settings (the same ones as the app's Settings screen)

  captioner config list               every setting: value, where it comes from (env/saved/default), meaning
  captioner config get <key>          one setting and where its value comes from
  captioner config set <key> <value>  save a value (lists: comma-separated; true/false; numbers)
  captioner config unset <key>        back to the default

An environment variable named in the list wins over the saved value.
`;

/** The value as a person may see it: secrets masked, lists comma-separated. */
function show(key: SettingKey, v: unknown): string {
  if (v === undefined) return '(not set)';
  if (isSecretSetting(key) && typeof v === 'string') return maskSecret(v);
  if (Array.isArray(v)) return v.length ? v.map((x) => (x && typeof x === 'object' && 'source' in x ? `${String(x.source)}=${String((x as { target?: unknown }).target)}` : String(x))).join(', ') : '(none)';
  return String(v);
}

function source(key: SettingKey, s: SettingSource): string {
  if (s === 'env') return `env ${settingEnv(key) ?? ''}`;
  return s;
}

function unknownKey(io: Io, key: string | undefined): number {
  io.stderr.write(`${key ? `Unknown setting "${key}"` : 'Give a setting name'}. Settings: ${SETTING_KEYS.join(', ')}.\nSee "captioner config list".\n`);
  return 2;
}

export async function runConfig(sub: string | undefined, rest: string[], io: Io): Promise<number> {
  if (sub === undefined || sub === 'help') {
    io.stdout.write(CONFIG_HELP);
    return 0;
  }
  if (!['list', 'get', 'set', 'unset'].includes(sub)) {
    io.stderr.write(`captioner config: unknown action "${sub}". Use list, get, set or unset ("captioner config --help").\n`);
    return 2;
  }
  const key = rest[0];
  if (sub !== 'list' && (!key || !isSettingKey(key))) return unknownKey(io, key);
  const app = openApp({ env: io.env });
  try {
    const { values, sources } = app.settings.resolve();
    switch (sub) {
      case 'list': {
        const rows = SETTING_KEYS.map((k) => [k, show(k, values[k]), source(k, sources[k]), settingDescription(k)] as const);
        const w0 = Math.max(...rows.map((r) => r[0].length));
        const w1 = Math.min(40, Math.max(...rows.map((r) => r[1].length)));
        const w2 = Math.max(...rows.map((r) => r[2].length));
        io.stdout.write(`${'SETTING'.padEnd(w0)}  ${'VALUE'.padEnd(w1)}  ${'SOURCE'.padEnd(w2)}  MEANING\n`);
        for (const [k, v, s, d] of rows) io.stdout.write(`${k.padEnd(w0)}  ${v.padEnd(w1)}  ${s.padEnd(w2)}  ${d}\n`);
        io.stdout.write(`\nlibrary: ${app.home}\nservice: ${app.service().baseUrl} (${app.service().region})\n`);
        return 0;
      }
      case 'get': {
        const k = key as SettingKey;
        const v = values[k];
        if (v === undefined) io.stdout.write(`(not set: ${settingDescription(k)})\n`);
        else io.stdout.write(`${show(k, v)}  (${source(k, sources[k])})\n`);
        return 0;
      }
      case 'set': {
        const k = key as SettingKey;
        if (rest[1] === undefined) {
          io.stderr.write(`captioner config set ${k} <value>: give a value (${settingDescription(k)}).\n`);
          return 2;
        }
        const parsed = parseSetting(k, settingFromText(k, rest[1]));
        if (!parsed.ok) {
          io.stderr.write(`${parsed.message}\n`);
          return 2;
        }
        try {
          app.settings.set(k, parsed.value);
        } catch (e) {
          io.stderr.write(`${toAppError(e).message}\n`);
          return 2;
        }
        io.stdout.write(`${k} = ${show(k, parsed.value)}\n`);
        if (sources[k] === 'env') io.stderr.write(`Note: ${settingEnv(k)} is set in the environment and wins over the saved value.\n`);
        return 0;
      }
      default: {
        const k = key as SettingKey;
        app.settings.unset(k);
        const after = app.settings.resolve();
        io.stdout.write(`${k} = ${show(k, after.values[k])}  (${source(k, after.sources[k])})\n`);
        return 0;
      }
    }
  } finally {
    await app.close();
  }
}

import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { startEmulator } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    key: { type: 'string', multiple: true },
    'queue-delay-ms': { type: 'string' },
    'processing-delay-ms': { type: 'string' },
    'submit-rps': { type: 'string' },
    'query-qps': { type: 'string' },
    'max-file-urls': { type: 'string' },
    'flash-top-level': { type: 'boolean', default: false },
    'mt-rpm': { type: 'string' },
    'mt-tpm': { type: 'string' },
    'mt-window-ms': { type: 'string' },
    quiet: { type: 'boolean', default: false },
    script: { type: 'string' },
  },
});
// --script FILE: one sentence per line ("2: text" gives the sentence to speaker 2), answered for every file.
const scriptLines = values.script ? readFileSync(values.script, 'utf8').split(/\r?\n/).map((l) => l.trim()).filter(Boolean) : [];
const sentences = scriptLines.map((l) => {
  const m = /^(\d+):\s*(.+)$/.exec(l);
  return m ? { text: m[2] as string, speaker: Number(m[1]) } : { text: l };
});
const n = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v));
const emu = await startEmulator({
  port: Number(values.port),
  host: values.host,
  ...(values.key ? { apiKeys: values.key } : {}),
  ...(n(values['queue-delay-ms']) !== undefined ? { queueDelayMs: n(values['queue-delay-ms']) as number } : {}),
  ...(n(values['processing-delay-ms']) !== undefined ? { processingDelayMs: n(values['processing-delay-ms']) as number } : {}),
  ...(n(values['submit-rps']) !== undefined ? { submitRps: n(values['submit-rps']) as number } : {}),
  ...(n(values['query-qps']) !== undefined ? { queryQps: n(values['query-qps']) as number } : {}),
  ...(n(values['max-file-urls']) !== undefined ? { maxFileUrls: n(values['max-file-urls']) as number } : {}),
  flashTopLevel: values['flash-top-level'],
  mt: {
    ...(n(values['mt-rpm']) !== undefined ? { rpm: n(values['mt-rpm']) as number } : {}),
    ...(n(values['mt-tpm']) !== undefined ? { tpm: n(values['mt-tpm']) as number } : {}),
    ...(n(values['mt-window-ms']) !== undefined ? { windowMs: n(values['mt-window-ms']) as number } : {}),
  },
  ...(sentences.length ? { scripts: [{ match: { urlContains: '' }, sentences }] } : {}),
  log: values.quiet ? () => undefined : (l) => console.error(l),
});
console.log(`listening on ${emu.url}`);
console.log(`base URL:  ${emu.url}/api/v1   (DASHSCOPE_BASE_URL=${emu.url}/api/v1)`);
console.log(`API key:   ${(values.key ?? ['sk-test']).join(', ')}   (DASHSCOPE_API_KEY=${values.key?.[0] ?? 'sk-test'})`);
console.log(`translate: ${emu.url}/compatible-mode/v1/chat/completions (qwen-mt-*; POST /_emulator/translations {"source","target"} registers answers)`);
console.log(sentences.length ? `script:    ${sentences.length} sentence(s) from ${values.script}` : 'script:    none; every file gets numbered placeholder sentences (--script FILE for real text)');
const stop = (): void => void emu.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

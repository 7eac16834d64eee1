import { parseArgs } from 'node:util';
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
    quiet: { type: 'boolean', default: false },
  },
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
  log: values.quiet ? () => undefined : (l) => console.error(l),
});
console.log(`listening on ${emu.url}`);
const stop = (): void => void emu.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

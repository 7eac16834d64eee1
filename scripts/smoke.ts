import { startEmulator } from '../test/emulator/server';
import { speech, wrap } from '../test/helpers/media';
import { startHosting } from '../src-main/node/hosting/server';
import { DashScopeClient } from '../src-main/node/dashscope/client';
import { RateLimiter } from '../src-main/core/rate-limiter';
const emu = await startEmulator({ log: console.log });
const wav = speech(['Hello world, this is the first sentence.', 'And here comes the second one.']);
const mp4 = wrap(wav, '/tmp/smoke.mp4', { ext: 'mp4' });
const host = await startHosting({ secret: 's', lookup: (id) => id === 'abcdefgh12' ? { path: mp4, mime: 'video/mp4' } : undefined });
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const c = new DashScopeClient({ baseUrl: emu.baseUrl, apiKey: 'sk-test', limiters: { submit: new RateLimiter(10, 1000, Date.now, sleep), query: new RateLimiter(20, 1000, Date.now, sleep) }, sleep });
await fetch(`${emu.url}/_emulator/scripts`, { method: 'POST', body: JSON.stringify({ match: { urlContains: 'abcdefgh12' }, sentences: [{ text: 'Hello world, this is the first sentence.' }, { text: 'And here comes the second one.' }] }) });
const { taskId } = await c.submit({ model: 'fun-asr', fileUrls: [host.urlFor('abcdefgh12', 600)], parameters: {} });
for (;;) { const q = await c.query(taskId); console.log(q.output.task_status); if (['SUCCEEDED','FAILED'].includes(q.output.task_status)) { console.log(JSON.stringify(q)); const r = await c.fetchResult(q.output.results![0]!.transcription_url!); console.log(r.raw.slice(0, 800)); break; } await sleep(300); }
console.log(emu.stats); await host.close(); await emu.close();

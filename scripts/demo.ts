/**
 * `npm run demo`: the whole pipeline on this machine without an API key. Starts the bundled
 * Fun-ASR emulator, speaks two sentences with espeak-ng into an mp4, and captions it with the
 * real CLI into demo-output/. Needs ffmpeg and espeak-ng.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../src-main/cli/main';
import { startEmulator } from '../test/emulator/server';
import { speech, wrap } from '../test/helpers/media';

const sentences = ['Welcome to Captioner.', 'This video was captioned by the Fun-ASR emulator.'];
const out = join(import.meta.dirname, '..', 'demo-output');
mkdirSync(out, { recursive: true });
const emu = await startEmulator();
await fetch(`${emu.url}/_emulator/scripts`, { method: 'POST', body: JSON.stringify({ match: {}, sentences: sentences.map((text) => ({ text })) }) });
const video = wrap(speech(sentences), join(out, 'demo talk.mp4'), { ext: 'mp4' });
const env = { ...process.env, CAPTIONER_HOME: join(out, 'library'), DASHSCOPE_API_KEY: 'sk-test', DASHSCOPE_BASE_URL: emu.baseUrl };
const code = await main(['caption', video, '--format', 'vtt', '--overwrite'], { stdout: process.stdout, stderr: process.stderr, env });
await emu.close();
process.exitCode = code;

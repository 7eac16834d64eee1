/**
 * The emulator on its own thread for the batch bench: the service is not inside Captioner's
 * process, so its work (reading and decoding what it downloads) must not hold up Captioner's event
 * loop, as it would in the same thread. It still shares the machine's cores, as a busy machine would.
 * Messages: the parent sends 'stats' (answered with the emulator's counters) or 'close'.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { startEmulator, type EmulatorOptions } from '../test/emulator/server';

const emu = await startEmulator(workerData as EmulatorOptions);
parentPort?.postMessage({ baseUrl: emu.baseUrl });
parentPort?.on('message', (m: string) => {
  if (m === 'stats') parentPort?.postMessage({ stats: emu.stats });
  else if (m === 'close') void emu.close().then(() => parentPort?.close());
});

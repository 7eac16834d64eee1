import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { createApi, warmPeaks } from '../node/api';
import { openApp } from '../node/app';
import { acquireRunnerLock } from '../node/lock';
import { Uploads, uploadsInUse } from '../node/transport/uploads';
import { serve } from '../node/transport/ws-server';

type Io = { stdout: NodeJS.WriteStream; stderr: NodeJS.WriteStream; env: NodeJS.ProcessEnv };

/** Finds the built renderer next to the CLI bundle or in a checkout's out/ folder. */
export function rendererDir(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const candidates = [join(here, '..', 'renderer'), join(here, '..', '..', 'out', 'renderer'), join(process.cwd(), 'out', 'renderer')];
  return candidates.find((d) => existsSync(join(d, 'index.html'))) ?? (candidates[1] as string);
}

/** `captioner serve`: the desktop app's backend and UI for a browser on this machine. */
export async function runServe(flags: { port?: string | undefined }, io: Io, signal?: AbortSignal): Promise<number> {
  let broadcast: (e: string, p: unknown) => void = () => undefined;
  let sweepUploads: () => Promise<void> = () => Promise.resolve();
  const app = openApp({
    env: io.env,
    onUpdate: (v) => {
      broadcast('job:update', v);
      if (v.stage === 'done' && v.transcriptId) warmPeaks(app, v.transcriptId);
      if (v.stage === 'canceled' || v.stage === 'done') void sweepUploads().catch(() => undefined); // its upload, unless a transcript plays it
    },
    onTranslationUpdate: (v) => broadcast('translation:update', v),
    onBurnUpdate: (v) => broadcast('burn:update', v),
  });
  let release: () => void;
  try {
    release = acquireRunnerLock(app.home, 'captioner serve');
  } catch (e) {
    await app.close();
    throw e;
  }
  let handle: Awaited<ReturnType<typeof serve>>;
  try {
    const hosting = await app.hosting();
    const uploads = new Uploads(join(app.home, 'imports'));
    sweepUploads = () => uploads.sweep(uploadsInUse(app.db, uploads.dir));
    const api = createApi(app, { version: '0.1.0', transport: 'websocket', uploadsDir: uploads.dir, sweepUploads });
    const staticDir = rendererDir();
    if (!existsSync(join(staticDir, 'index.html'))) io.stderr.write(`The UI is not built (${staticDir}): run "npm run build" first.\n`);
    handle = await serve({ api, staticDir, uploads, mediaOrigin: hosting.localBaseUrl, ...(flags.port ? { port: Number(flags.port) } : {}) });
    broadcast = handle.broadcast;
    await sweepUploads(); // uploads left by an earlier run that nothing uses
    await app.runner.resumeAll();
    app.translator.resumeAll();
  } catch (e) {
    // A failure while starting must not leave a process holding the library lock and its port.
    await app.close();
    release();
    throw e;
  }
  io.stdout.write(`Captioner is running. Open this URL in a browser on this machine:\n${handle.url}\n`);
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    signal?.addEventListener('abort', stop, { once: true });
  });
  await handle.close();
  await app.close();
  release();
  return 0;
}

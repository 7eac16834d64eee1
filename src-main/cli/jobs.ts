import { openApp } from '../node/app';
import { acquireRunnerLock } from '../node/lock';

type Io = { stdout: NodeJS.WriteStream; stderr: NodeJS.WriteStream; env: NodeJS.ProcessEnv };

export async function runJobs(sub: string | undefined, rest: string[], io: Io, flags: { viaCaptioner?: boolean } = {}): Promise<number> {
  const app = openApp({ env: io.env });
  let release = (): void => undefined;
  const lock = (): void => {
    release = acquireRunnerLock(app.home, `captioner jobs ${sub}`);
  };
  try {
    const find = (prefix: string | undefined): string | undefined => {
      const ids = app.runner.list().map((j) => j.id).filter((id) => prefix && id.startsWith(prefix));
      if (ids.length !== 1) io.stderr.write(`No single job matches "${prefix ?? ''}" (see "captioner jobs list").\n`);
      return ids.length === 1 ? ids[0] : undefined;
    };
    switch (sub) {
      case 'list':
      case undefined:
        for (const j of app.runner.list()) {
          io.stdout.write(`${j.id.slice(0, 8)}  ${j.stage.padEnd(12)} ${j.title}${j.error ? `  — ${j.error.message} [${j.error.code}]` : ''}\n`);
        }
        return 0;
      case 'cancel': {
        const id = find(rest[0]);
        if (!id) return 1;
        lock();
        const v = await app.runner.cancel(id);
        io.stdout.write(`${v.title}: ${v.stage}\n`);
        return 0;
      }
      case 'retry': {
        const id = find(rest[0]);
        if (!id) return 1;
        lock();
        app.runner.retry(id, { viaCaptioner: Boolean(flags.viaCaptioner) });
        const v = await app.runner.wait(id);
        io.stdout.write(`${v.title}: ${v.stage}${v.error ? ` — ${v.error.message}` : ''}\n`);
        return v.stage === 'done' ? 0 : 1;
      }
      case 'remove': {
        const id = find(rest[0]);
        if (!id) return 1;
        lock();
        await app.runner.remove(id);
        return 0;
      }
      default:
        io.stderr.write(`captioner jobs: unknown action "${sub ?? ''}". Use list, cancel, retry or remove ("captioner jobs --help").\n`);
        return 2;
    }
  } finally {
    await app.close();
    release();
  }
}

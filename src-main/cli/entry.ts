import { toAppError } from '../shared/result';
import { main } from './main';

/**
 * A reader that goes away (`captioner library list | head -2`) is not an error of ours: further
 * output is dropped and the command finishes its work (jobs keep running, the library closes
 * cleanly) instead of dying with an EPIPE stack trace.
 */
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    stream.write = (() => true) as typeof stream.write;
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    const err = toAppError(e);
    process.stderr.write(`captioner: ${err.message} [${err.code}]\n`);
    process.exitCode = 1;
  },
);

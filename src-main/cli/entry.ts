import { toAppError } from '../shared/result';
import { main } from './main';

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

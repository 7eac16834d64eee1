import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';

/** `<dir>/<name>.<ext>`; an existing file is kept and the new one gets " (2)", " (3)"... unless overwriting. */
export function outputPath(input: string, ext: string, outDir: string | undefined, overwrite: boolean): string {
  const dir = outDir ?? dirname(input);
  const stem = basename(input, extname(input));
  let p = join(dir, `${stem}.${ext}`);
  for (let n = 2; !overwrite && existsSync(p); n++) p = join(dir, `${stem} (${n}).${ext}`);
  return p;
}

/** Writes through a temp name and a rename, so a crash never leaves a half-written caption file. */
export async function writeAtomic(path: string, bytes: Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  await writeFile(tmp, bytes);
  await rename(tmp, path);
}

import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { isAlive as alive } from '../node/process-alive';

const key = (p: string): string => p.normalize('NFC').toLowerCase(); // case-insensitive file systems collide too

/**
 * The caption path of every input of a run, decided before anything is written: `<dir>/<stem>.<ext>`,
 * and `<stem> (2).<ext>`, `(3)`… in input order when two inputs of the run share it (`x.mp4` and
 * `x.wav` in one folder, two `clip.mp4` from different folders with --out). No two inputs of a run
 * ever write the same file.
 */
export function planOutputs(inputs: readonly string[], ext: string, outDir: string | undefined): Map<string, string> {
  const taken = new Set<string>();
  const plan = new Map<string, string>();
  for (const input of inputs) {
    const dir = outDir ?? dirname(input);
    const stem = basename(input, extname(input));
    let p = join(dir, `${stem}.${ext}`);
    for (let n = 2; taken.has(key(p)); n++) p = join(dir, `${stem} (${n}).${ext}`);
    taken.add(key(p));
    plan.set(input, p);
  }
  return plan;
}

/**
 * Writes a planned caption. The same bytes already there: nothing is written ("unchanged", a rerun).
 * Other bytes there: replaced with --overwrite, else the caption goes to the next free
 * `<stem> (n).<ext>` that no other input of the run has planned.
 */
export async function writeCaption(planned: string, bytes: Uint8Array, overwrite: boolean, reserved: ReadonlySet<string>): Promise<{ path: string; unchanged: boolean }> {
  const same = (p: string): boolean => {
    try {
      return Buffer.from(bytes).equals(readFileSync(p));
    } catch {
      return false;
    }
  };
  if (existsSync(planned) && same(planned)) return { path: planned, unchanged: true };
  let path = planned;
  if (!overwrite) {
    const ext = extname(planned);
    const stem = basename(planned, ext);
    const reservedKeys = new Set([...reserved].map(key));
    for (let n = 2; existsSync(path); n++) {
      path = join(dirname(planned), `${stem} (${n})${ext}`);
      if (reservedKeys.has(key(path))) continue;
      if (existsSync(path) && same(path)) return { path, unchanged: true };
    }
  }
  await writeAtomic(path, bytes);
  return { path, unchanged: false };
}

const TMP = /^\..+\.(\d+)(?:\.[0-9a-f]{12})?\.tmp$/;

/** Writes through a temp name unique to this write and a rename, so a crash never leaves a half-written caption file. */
export async function writeAtomic(path: string, bytes: Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, bytes);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/** Removes caption temp files that a killed Captioner left in these folders (only its own pattern, only of dead writers). */
export async function sweepTemps(dirs: Iterable<string>): Promise<number> {
  let n = 0;
  for (const dir of new Set(dirs)) {
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      const m = TMP.exec(name);
      if (m && !alive(Number(m[1]))) {
        await rm(join(dir, name), { force: true });
        n++;
      }
    }
  }
  return n;
}

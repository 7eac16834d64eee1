import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { basename, extname, join, sep } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CodedError } from '../../shared/result';

/** Default cap of one upload: above Fun-ASR's 2 GB audio limit, since video is uploaded whole. */
export const MAX_UPLOAD_BYTES = 8 * 1024 ** 3;
/** An upload no job or transcript has claimed yet is kept this long (the page adds it right after). */
const UNCLAIMED_GRACE_MS = 60 * 60 * 1000;
/** File names are limited to 255 bytes on most file systems; CJK takes 3 bytes a character. */
const MAX_NAME_BYTES = 180;

/**
 * A safe file name for what the browser called `name`: no path, no control characters, at most
 * MAX_NAME_BYTES of UTF-8 with the extension kept; a shortened name gets a hash of the original
 * so two long names that share a beginning stay distinct.
 */
export function safeUploadName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must not reach a file name
  const clean = basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, '_').trim().replace(/^\.+/, '_');
  if (!clean) return '';
  if (Buffer.byteLength(clean) <= MAX_NAME_BYTES) return clean;
  const ext = extname(clean).slice(0, 16);
  const tag = `~${createHash('sha256').update(name).digest('hex').slice(0, 8)}`;
  let stem = clean.slice(0, clean.length - extname(clean).length);
  while (Buffer.byteLength(stem + tag + ext) > MAX_NAME_BYTES) stem = [...stem].slice(0, -1).join('');
  return stem + tag + ext;
}

const tooLarge = (name: string, max: number): CodedError => {
  const limitGb = (max / 1024 ** 3).toFixed(1);
  return new CodedError('UPLOAD_TOO_LARGE', `${name} is larger than ${limitGb} GB, the most Captioner accepts from a browser.`, { file: name, limit: max, limitGb });
};

/** Files a browser streamed to `captioner serve`: one folder each, capped, and swept when unused. */
export class Uploads {
  private readonly fresh = new Map<string, number>();
  constructor(
    readonly dir: string,
    private readonly maxBytes = MAX_UPLOAD_BYTES,
    private readonly now: () => number = Date.now,
  ) {}

  async receive(req: IncomingMessage, rawName: string): Promise<string> {
    const name = safeUploadName(rawName);
    if (!name) throw new CodedError('UPLOAD_NO_NAME', 'A file name is required.');
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (declared > this.maxBytes) throw tooLarge(name, this.maxBytes);
    const folder = randomBytes(8).toString('hex');
    const dir = join(this.dir, folder);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    this.fresh.set(folder, this.now());
    let seen = 0;
    const max = this.maxBytes;
    const cap = new Transform({
      transform(chunk: Buffer, _enc, done) {
        seen += chunk.length;
        if (seen > max) done(tooLarge(name, max));
        else done(null, chunk);
      },
    });
    try {
      await pipeline(req, cap, createWriteStream(join(dir, name), { mode: 0o600 }));
    } catch (e) {
      this.fresh.delete(folder);
      await rm(dir, { recursive: true, force: true });
      throw e instanceof CodedError ? e : new CodedError('UPLOAD_FAILED', `Upload of ${name} failed: ${(e as Error).message}`, { file: name });
    }
    return join(dir, name);
  }

  /**
   * Removes every upload folder nothing refers to any more: no job still to run or to retry,
   * no transcript playing it. A fresh upload the page has not added yet is spared for a while.
   */
  async sweep(inUse: (dir: string) => boolean): Promise<void> {
    const folders = await readdir(this.dir).catch(() => [] as string[]);
    for (const f of folders) {
      const dir = join(this.dir, f);
      if (inUse(dir)) {
        this.fresh.delete(f);
        continue;
      }
      const t = this.fresh.get(f);
      if (t !== undefined && this.now() - t < UNCLAIMED_GRACE_MS) continue;
      this.fresh.delete(f);
      await rm(dir, { recursive: true, force: true });
    }
  }
}

/** Upload folders some job not yet finished (or failed, so retryable) or some transcript uses. */
export function uploadsInUse(db: { prepare(sql: string): { all(...a: unknown[]): unknown[] } }, uploadsDir: string): (dir: string) => boolean {
  const prefix = uploadsDir.endsWith(sep) ? uploadsDir : uploadsDir + sep;
  const rows = db
    .prepare(
      "SELECT input_path AS p FROM jobs WHERE stage NOT IN ('done', 'canceled') AND substr(input_path, 1, length(@p)) = @p " +
        'UNION SELECT source_path AS p FROM transcripts WHERE source_path IS NOT NULL AND substr(source_path, 1, length(@p)) = @p ' +
        // a link transcript's local copy (issue 14)
        "UNION SELECT json_extract(info_json, '$.localCopy') AS p FROM media WHERE substr(json_extract(info_json, '$.localCopy'), 1, length(@p)) = @p",
    )
    .all({ p: prefix }) as { p: string }[];
  const used = new Set(rows.map((r) => join(prefix, r.p.slice(prefix.length).split(/[/\\]/)[0] ?? '')));
  return (dir) => used.has(dir);
}

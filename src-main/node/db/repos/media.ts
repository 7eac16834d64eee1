import { randomUUID } from 'node:crypto';
import { basename, extname } from 'node:path';
import type { MediaInfo } from '../../../core/media';
import { relaxed, type Db } from '../connection';

export class MediaRepo {
  constructor(private readonly db: Db, private readonly now: () => number) {}
  insert(info: MediaInfo, title?: string): string {
    const id = randomUUID();
    // A probe record is redone if lost: it need not wait for the disk (see relaxed).
    relaxed(this.db, () =>
      this.db
        .prepare('INSERT INTO media(id, path, title, size_bytes, duration_ms, container, info_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(id, info.path, title ?? basename(info.path, extname(info.path)), info.sizeBytes, info.durationMs, info.container, JSON.stringify(info), this.now()),
    );
    return id;
  }
  get(id: string): { id: string; path: string; title: string; info: MediaInfo } | undefined {
    const row = this.db.prepare('SELECT id, path, title, info_json FROM media WHERE id = ?').get(id) as { id: string; path: string; title: string; info_json: string } | undefined;
    return row ? { id: row.id, path: row.path, title: row.title, info: JSON.parse(row.info_json) as MediaInfo } : undefined;
  }
}

import { basename, extname } from 'node:path';
import type { NameFields } from '../shared/formats/naming';

/** The fields of an export file name for a transcript: its source file's name, title, language. */
export function exportNameFields(meta: { sourcePath: string | null; title: string; language: string | null }, ext: string, now = new Date()): NameFields {
  return {
    name: meta.sourcePath ? basename(meta.sourcePath, extname(meta.sourcePath)) : meta.title,
    title: meta.title,
    lang: meta.language ?? '',
    format: ext,
    date: now.toISOString().slice(0, 10),
  };
}

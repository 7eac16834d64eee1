import { join } from 'node:path';
import { MIME_BY_EXT } from '../../core/media';
import { exportWithTranslation } from '../translate/export';
import { apiErrorData } from '../../shared/api-codes';
import { CodedError, toAppError } from '../../shared/result';
import type { App } from '../app';
import { importSubtitle } from '../importer';
import { waveformPeaks } from '../media/peaks';
import { spectrogram } from '../media/spectrogram';
import { isPageSource, linkExtras, readableSource, sourceExt } from '../media/source';
import { changeTranscriptLanguage } from '../transcript-language';
import type { ApiContext, Handlers } from './types';
import { checkUserFile } from './user-files';

const VIDEO_EXT = new Set(['.mp4', '.mkv', '.mov', '.webm', '.avi', '.m4v', '.flv', '.wmv', '.mpeg', '.mpg', '.ts', '.mts']);

/**
 * Computes and caches a finished job's waveform in the background, so the editor opens at once
 * even for a 12 h file. Errors are ignored: the editor computes it on demand anyway.
 */
export function warmPeaks(app: App, transcriptId: string): void {
  const meta = app.transcripts.meta(transcriptId);
  if (!meta?.sourcePath) return;
  const page = isPageSource(app.db, meta.mediaId);
  const source = meta.sourcePath;
  void waveformPeaks(source, meta.durationMs, app.tools(), join(app.home, 'peaks'), () => readableSource(source, page, app.ytDlp)).catch(() => undefined);
}

export function libraryHandlers(ctx: ApiContext): Pick<Handlers, 'library:list' | 'library:search' | 'library:import' | 'library:delete' | 'transcript:get' | 'transcript:save' | 'transcript:rename' | 'transcript:setLanguage' | 'transcript:export' | 'media:peaks' | 'media:spectrogram'> {
  const { app } = ctx;
  /** A transcript's media for the waveform and spectrogram: a file, or a link read through its local copy or yt-dlp. */
  const mediaOf = (id: string): { source: string; durationMs: number; readFrom: () => Promise<string> } => {
    const meta = app.transcripts.meta(id);
    if (!meta) throw new CodedError('NOT_FOUND', 'That transcript no longer exists.');
    if (!meta.sourcePath) throw new CodedError('NO_MEDIA', `“${meta.title}” has no media file.`, { title: meta.title });
    const source = meta.sourcePath;
    const { page, localCopy } = linkExtras(app.db, meta.mediaId);
    return { source, durationMs: meta.durationMs, readFrom: () => readableSource(source, page, app.ytDlp, localCopy) };
  };
  const existing = (id: string) => {
    const meta = app.transcripts.meta(id);
    const track = app.transcripts.track(id);
    if (!meta || !track) throw new CodedError('NOT_FOUND', 'That transcript no longer exists.');
    return { meta, track };
  };
  return {
    'library:list': () => app.transcripts.list(),
    'library:search': ({ query, offset, limit }) => app.transcripts.search(query, { ...(offset !== undefined && { offset }), ...(limit !== undefined && { limit }) }),
    'library:import': async ({ paths, encoding, replaces }) => {
      const out = [];
      for (const p of paths) {
        try {
          const file = await checkUserFile(p, 'subtitle', { home: app.home, uploadsDir: ctx.uploadsDir });
          const r = await importSubtitle(app, file, undefined, encoding);
          if (replaces && paths.length === 1) app.transcripts.delete(replaces);
          out.push({ path: p, transcriptId: r.transcriptId, cues: r.cues, repairs: r.issues.length, ...(r.encoding ? { encoding: r.encoding } : {}), ...(r.candidates?.length ? { candidates: r.candidates } : {}) });
        } catch (e) {
          out.push({ path: p, error: apiErrorData(toAppError(e)) }); // one bad file does not stop the others
        }
      }
      await ctx.sweepUploads(); // an uploaded subtitle is in the library now
      return out;
    },
    'library:delete': async ({ id }) => {
      if (!app.transcripts.delete(id)) throw new CodedError('NOT_FOUND', 'That transcript no longer exists.');
      await ctx.sweepUploads();
      return {};
    },
    'transcript:get': async ({ id }) => {
      const { meta, track } = existing(id);
      let mediaUrl: string | null = null;
      const ext = meta.sourcePath ? sourceExt(meta.sourcePath) : '';
      const { page, localCopy } = linkExtras(app.db, meta.mediaId);
      if (meta.sourcePath) {
        // The editor plays the original file through the signed-URL server (loopback address); a
        // link's media is forwarded by that server (hosting/proxy.ts), so the CSP stays loopback-only.
        const hosting = await app.hosting();
        const source = await readableSource(meta.sourcePath, page, app.ytDlp, localCopy).catch(() => null);
        const type = source === localCopy && localCopy ? MIME_BY_EXT[sourceExt(localCopy).slice(1)] : page ? 'video/mp4' : MIME_BY_EXT[ext.slice(1)];
        if (source) mediaUrl = hosting.localUrlFor(app.hosted.register(source, type ?? 'application/octet-stream', null), 12 * 3600);
      }
      return { meta, track, mediaUrl, mediaKind: page || VIDEO_EXT.has(ext) ? 'video' : 'audio' };
    },
    'transcript:save': ({ id, track }) => {
      if (!app.transcripts.meta(id)) throw new CodedError('NOT_FOUND', 'That transcript no longer exists.');
      app.transcripts.saveTrack(id, track);
      return { updatedAt: app.transcripts.meta(id)?.updatedAt ?? Date.now() };
    },
    'transcript:setLanguage': ({ id, language, presetId, resegment }) => {
      const r = changeTranscriptLanguage(app, id, { language, presetId, resegment });
      return { ...existing(id), kept: r.kept, rebuilt: r.rebuilt };
    },
    'transcript:rename': ({ id, title }) => {
      if (!app.transcripts.meta(id)) throw new CodedError('NOT_FOUND', 'That transcript no longer exists.');
      app.transcripts.rename(id, title);
      return {};
    },
    'transcript:export': ({ id, options }) => {
      const { meta, track } = existing(id);
      const { translation, ...rest } = options;
      const files = exportWithTranslation(app.translations, meta, track, rest, app.settings.get('exportNameTemplate'), translation).map((f) => ({ fileName: f.fileName, mime: f.mime, base64: Buffer.from(f.bytes).toString('base64') }));
      const first = files[0] as (typeof files)[number];
      return files.length > 1 ? { ...first, files } : first;
    },
    'media:peaks': async ({ id }) => {
      const m = mediaOf(id);
      const p = await waveformPeaks(m.source, m.durationMs, app.tools(), join(app.home, 'peaks'), m.readFrom);
      return { perSecond: p.perSecond, durationMs: p.durationMs, peaks: Buffer.from(p.data.buffer, p.data.byteOffset, p.data.byteLength).toString('base64') };
    },
    'media:spectrogram': async ({ id }) => {
      const m = mediaOf(id);
      const s = await spectrogram(m.source, m.durationMs, app.tools(), join(app.home, 'peaks'), m.readFrom);
      return { perSecond: s.perSecond, bands: s.bands, data: Buffer.from(s.data.buffer, s.data.byteOffset, s.data.byteLength).toString('base64') };
    },
  };
}

import { existsSync } from 'node:fs';
import { extname } from 'node:path';
import { MIME_BY_EXT } from '../../core/media';
import { BURN_PRESETS, burnPreset, hasSecondLanguage } from '../../shared/burn/style';
import { apiErrorData } from '../../shared/api-codes';
import { CodedError, toAppError } from '../../shared/result';
import { loadBurnPrefs, saveBurnPrefs } from '../burn/prefs';
import { probeVideo } from '../burn/probe';
import { burnService } from '../burn/service';
import type { ApiContext, Handlers } from './types';
import { checkUserFile } from './user-files';

type BurnMethods = 'burn:options' | 'burn:preview' | 'burn:setPrefs' | 'burn:start' | 'burn:get' | 'burn:cancel' | 'burn:media';

/** Burn-in from the app: options, a preview frame, start, progress (pushed as `burn:update`) and cancel. */
export function burnHandlers(ctx: ApiContext): Pick<Handlers, BurnMethods> {
  const { app } = ctx;
  const svc = burnService(app, (l) => process.stderr.write(`captioner: ${l}\n`));
  // A render the last run did not finish (crash, quit) starts again from the beginning.
  try {
    svc.resumeAll();
  } catch {
    // an unreadable job row must not keep the app from starting; it shows as unfinished
  }
  // One preview at a time per transcript: a newer request (the user still dragging a slider) ends the older ffmpeg.
  const previews = new Map<string, AbortController>();
  const transcript = (id: string) => {
    const meta = app.transcripts.meta(id);
    const track = app.transcripts.track(id);
    if (!meta || !track) throw new CodedError('NOT_FOUND', 'That transcript no longer exists.');
    return { meta, track };
  };
  /** The video: the one the user picked (checked like every path from the renderer), else the transcript's source. */
  const videoOf = async (sourcePath: string | null, chosen: string | undefined): Promise<string> => {
    if (chosen) return checkUserFile(chosen, 'media', { home: app.home, uploadsDir: ctx.uploadsDir });
    if (!sourcePath) throw new CodedError('NO_VIDEO', 'This transcript has no video. Import the captions with the video beside them, or choose the video.', { reason: 'NO_SOURCE' });
    return sourcePath;
  };
  return {
    'burn:options': async ({ id, video }) => {
      const { meta, track } = transcript(id);
      const presets = Object.fromEntries(BURN_PRESETS.map((p) => [p, burnPreset(p)])) as Record<(typeof BURN_PRESETS)[number], ReturnType<typeof burnPreset>>;
      const base = { prefs: loadBurnPrefs(app.settings), presets, secondLanguage: hasSecondLanguage(track), jobs: svc.list(id) };
      try {
        const path = await videoOf(meta.sourcePath, video);
        const facts = await probeVideo(path, app.tools());
        const output = svc.plannedOutput({ video: path, title: meta.title, language: meta.language });
        return { ...base, video: path, width: facts.width, height: facts.height, durationMs: facts.durationMs, output, outputExists: existsSync(output) };
      } catch (e) {
        // The dialog still opens (style editing works); it says why it cannot render.
        return { ...base, video: null, videoProblem: apiErrorData(toAppError(e)), width: 1920, height: 1080, durationMs: meta.durationMs, output: '', outputExists: false };
      }
    },
    'burn:preview': async ({ id, video, style, atMs }) => {
      const { meta, track } = transcript(id);
      const path = await videoOf(meta.sourcePath, video);
      previews.get(id)?.abort();
      const abort = new AbortController();
      previews.set(id, abort);
      const p = await svc.preview({ track, video: path, style, atMs, format: 'jpeg', maxWidth: 1280, title: meta.title, signal: abort.signal }).finally(() => {
        if (previews.get(id) === abort) previews.delete(id);
      });
      return { mime: 'image/jpeg', base64: p.bytes.toString('base64'), width: p.width, height: p.height };
    },
    'burn:setPrefs': (prefs) => saveBurnPrefs(app.settings, prefs),
    'burn:start': async ({ id, video, style, quality, encoder, overwrite }) => {
      const { meta, track } = transcript(id);
      const path = await videoOf(meta.sourcePath, video);
      saveBurnPrefs(app.settings, { style, quality, encoder });
      return svc.start({ track, title: meta.title, transcriptId: id, language: meta.language, video: path, style, quality, encoder, overwrite: overwrite ?? false });
    },
    'burn:get': ({ id }) => {
      const v = svc.get(id);
      if (!v) throw new CodedError('NOT_FOUND', 'That burn-in no longer exists.', { reason: 'BURN' });
      return v;
    },
    'burn:cancel': ({ id }) => svc.cancel(id),
    'burn:media': async ({ id }) => {
      const v = svc.get(id);
      if (!v || v.stage !== 'done' || !existsSync(v.outputPath)) throw new CodedError('NOT_FOUND', 'That burned video is not there (moved or deleted?).', { reason: 'BURN_OUTPUT', ...(v ? { file: v.outputPath } : {}) });
      const mime = MIME_BY_EXT[extname(v.outputPath).slice(1).toLowerCase()] ?? 'video/mp4';
      const hosting = await app.hosting();
      return { url: hosting.localUrlFor(app.hosted.register(v.outputPath, mime, null), 12 * 3600), mime };
    },
  };
}

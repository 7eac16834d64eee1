import { join } from 'node:path';
import { buildTrack } from '../../shared/captions/segment';
import { resolvePreset } from '../../shared/captions/presets';
import { FLASH_MAX_DATA_URI, FLASH_MAX_MS, flashToResult, glossary } from '../../shared/flash';
import { transcriptionResultSchema } from '../../shared/funasr/result';
import type { Input, Output } from '../../shared/ipc/contract';
import { CodedError } from '../../shared/result';
import type { App } from '../app';
import { autoContext } from '../context';
import { shotChanges } from '../media/shots';
import { clipOpus } from '../media/clip';
import { speechMap } from '../media/speech';

/** The editor's backend methods (issue 13), wired into the API's handler table. */
type EditorMethod = 'editor:keymap:get' | 'editor:keymap:set' | 'editor:analysis' | 'editor:shots' | 'editor:retranscribe';
type EditorHandlers = { [M in EditorMethod]: (input: Input<M>) => Promise<Output<M>> | Output<M> };

/** One re-transcription per transcript at a time: a second click never bills the span twice. */
const busy = new Set<string>();

export function editorHandlers(app: App): EditorHandlers {
  const source = (id: string): { path: string; durationMs: number; language: string | null; presetId: string } => {
    const meta = app.transcripts.meta(id);
    if (!meta) throw new CodedError('NOT_FOUND', 'That transcript no longer exists.');
    if (!meta.sourcePath) throw new CodedError('NO_MEDIA', `“${meta.title}” has no media file; this needs the original audio or video.`, { title: meta.title });
    return { path: meta.sourcePath, durationMs: meta.durationMs, language: meta.language, presetId: meta.presetId };
  };
  return {
    'editor:keymap:get': () => ({ bindings: app.settings.get('editorKeymap') ?? {} }),
    'editor:keymap:set': ({ bindings }) => {
      app.settings.set('editorKeymap', bindings);
      return { bindings };
    },
    'editor:analysis': async ({ id }) => {
      const s = source(id);
      return speechMap(s.path, s.durationMs, app.tools(), join(app.home, 'speech'));
    },
    'editor:shots': async ({ id }) => {
      const s = source(id);
      return { shots: await shotChanges(s.path, app.tools(), join(app.home, 'speech')) };
    },
    'editor:retranscribe': async ({ id, startMs, endMs }) => {
      const s = source(id);
      const seconds = Math.round((endMs - startMs) / 1000);
      if (endMs - startMs > FLASH_MAX_MS) throw new CodedError('SPAN_TOO_LONG', `Quick mode re-transcribes at most ${FLASH_MAX_MS / 60_000} minutes; select fewer cues (${seconds} s selected).`, { seconds, limitMinutes: FLASH_MAX_MS / 60_000 });
      if (busy.has(id)) throw new CodedError('BUSY', 'A re-transcription of this transcript is already running.', { reason: 'RETRANSCRIBE' });
      busy.add(id);
      try {
        const audio = await clipOpus(s.path, startMs, endMs, app.tools().ffmpeg);
        const dataUri = `data:audio/ogg;base64,${audio.toString('base64')}`;
        if (dataUri.length > FLASH_MAX_DATA_URI) throw new CodedError('QUICK_TOO_LARGE', 'The selected audio is over 10 MB encoded; select fewer cues.', { limitMb: Math.round(FLASH_MAX_DATA_URI / 2 ** 20) });
        // The library's context plus this transcript's speaker names: the words the user expects.
        const track = app.transcripts.track(id);
        const ctx = autoContext(app);
        const names = glossary((track?.speakers ?? []).map((sp) => sp.name).filter((n) => !/^Speaker \d+$/.test(n)));
        const r = await app.client().flash({ dataUri, format: 'opus', sampleRate: 16000, language: s.language ?? undefined, context: { texts: [names, ...ctx.texts].filter(Boolean) } });
        const parsed = transcriptionResultSchema.parse(flashToResult(r.sentences, endMs - startMs));
        const built = buildTrack(parsed, resolvePreset(s.presetId), { offsetMs: startMs, idPrefix: 'r', ...(s.language ? { language: s.language } : {}) });
        // Words the service placed past the span's end (padding) are kept inside it.
        const cues = built.cues.map((c) => ({ ...c, start: Math.max(startMs, c.start), end: Math.min(endMs, Math.max(c.end, c.start + 1)) })).filter((c) => c.end > c.start);
        return { cues, billedSeconds: r.usageSeconds ?? null };
      } finally {
        busy.delete(id);
      }
    },
  };
}

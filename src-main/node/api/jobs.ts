import { isAbsolute } from 'node:path';
import { jobOptionsSchema } from '../../shared/jobs';
import { CodedError } from '../../shared/result';
import { addJobs } from '../jobs/add';
import { expandInputs } from '../media/inputs';
import { readSettings } from './settings';
import type { ApiContext, Handlers } from './types';
import { checkUserFile } from './user-files';

export function jobHandlers(ctx: ApiContext): Pick<Handlers, 'app:info' | 'jobs:list' | 'jobs:add' | 'jobs:cancel' | 'jobs:retry' | 'jobs:remove'> {
  const { app } = ctx;
  return {
    'app:info': () => ({ version: ctx.version, home: app.home, region: app.service().region, serviceBaseUrl: app.service().baseUrl, hasApiKey: app.service().hasApiKey, transport: ctx.transport }),
    'jobs:list': () => app.runner.list(),
    'jobs:add': async ({ paths, options, retranscribe }) => {
      const s = readSettings(app);
      const defaults: Record<string, unknown> = { model: s.model, diarize: s.diarize, delivery: s.delivery, quick: s.quickMode };
      if (s.language) defaults.language = s.language;
      if (s.speakerCount) defaults.speakerCount = s.speakerCount;
      if (s.presetId) defaults.presetId = s.presetId;
      if (s.maskWords.length || s.removeWords.length || !s.systemReservedFilter) defaults.specialWordFilter = { maskWords: s.maskWords, removeWords: s.removeWords, systemReserved: s.systemReservedFilter };
      const parsed = jobOptionsSchema.safeParse({ ...defaults, ...options });
      // A list made for another model is silently ignored by the service (§6.2): refuse instead.
      // (Quick mode uses the flash model, for which the context carries the hotwords instead.)
      if (parsed.success && s.hotwordListId && !parsed.data.quick) {
        if (s.hotwordModel !== parsed.data.model) throw new CodedError('HOTWORD_MODEL_MISMATCH', `The active hotword list was made for ${s.hotwordModel ?? 'another model'}, but jobs use ${parsed.data.model}; the service would ignore it. Choose a list for ${parsed.data.model} in Settings, or none.`);
        parsed.data.vocabularyId = s.hotwordListId;
      }
      if (!parsed.success) throw new CodedError('INVALID_OPTIONS', `Invalid job options: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
      if (!app.service().hasApiKey) throw new CodedError('SERVICE_NO_KEY', 'No DashScope API key is set. Add it in Settings, then add the files again.');
      const relative = paths.find((p) => !isAbsolute(p));
      if (relative) throw new CodedError('PATH_NOT_ABSOLUTE', `${relative} is not an absolute path.`, { file: relative });
      const files = await expandInputs(paths);
      if (!files.length) throw new CodedError('NO_MEDIA', 'No media files were found in what was dropped.');
      // Every file is checked before any job is made: one refused path adds nothing.
      const checked: string[] = [];
      for (const f of files) checked.push(await checkUserFile(f, 'media', { home: app.home, uploadsDir: ctx.uploadsDir }));
      return addJobs(app, checked, parsed.data, retranscribe ?? false);
    },
    'jobs:cancel': async ({ id }) => {
      const v = await app.runner.cancel(id);
      await ctx.sweepUploads();
      return v;
    },
    'jobs:retry': ({ id }) => app.runner.retry(id),
    'jobs:remove': async ({ id }) => {
      await app.runner.remove(id);
      await ctx.sweepUploads();
      return {};
    },
  };
}

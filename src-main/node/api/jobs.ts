import { isAbsolute } from 'node:path';
import { isHttpUrl } from '../../core/url';
import { deriveJobOptions } from '../../core/job-options';
import { CodedError } from '../../shared/result';
import { addJobs } from '../jobs/add';
import { expandInputs } from '../media/inputs';
import type { ApiContext, Handlers } from './types';
import { checkUserFile } from './user-files';

export function jobHandlers(ctx: ApiContext): Pick<Handlers, 'app:info' | 'jobs:list' | 'jobs:add' | 'jobs:cancel' | 'jobs:retry' | 'jobs:remove'> {
  const { app } = ctx;
  return {
    'app:info': () => ({ version: ctx.version, home: app.home, region: app.service().region, serviceBaseUrl: app.service().baseUrl, hasApiKey: app.service().hasApiKey, transport: ctx.transport }),
    'jobs:list': () => app.runner.list(),
    'jobs:add': async ({ paths, options, retranscribe }) => {
      const derived = deriveJobOptions(app.settings.values(), options ?? {});
      if (!derived.ok) throw new CodedError('INVALID_OPTIONS', `Invalid job options: ${derived.message}`, { field: derived.field });
      if (!app.service().hasApiKey) throw new CodedError('SERVICE_NO_KEY', 'No DashScope API key is set. Add it in Settings, then add the files again.');
      // Links (issue 14) are checked by their job's probe (stages/url.ts); only paths are files here.
      const links = paths.filter((p) => isHttpUrl(p)).map((p) => p.trim());
      const local = paths.filter((p) => !isHttpUrl(p));
      const relative = local.find((p) => !isAbsolute(p));
      if (relative) throw new CodedError('PATH_NOT_ABSOLUTE', `${relative} is not an absolute path.`, { file: relative });
      const files = local.length ? await expandInputs(local) : [];
      if (!files.length && !links.length) throw new CodedError('NO_MEDIA', 'No media files were found in what was dropped.', { reason: 'NONE_FOUND' });
      // Every file is checked before any job is made: one refused path adds nothing.
      const checked: string[] = [];
      for (const f of files) checked.push(await checkUserFile(f, 'media', { home: app.home, uploadsDir: ctx.uploadsDir }));
      return { ...(await addJobs(app, [...checked, ...new Set(links)], derived.options, retranscribe ?? false)), notes: derived.notes };
    },
    'jobs:cancel': async ({ id }) => {
      const v = await app.runner.cancel(id);
      await ctx.sweepUploads();
      return v;
    },
    'jobs:retry': ({ id, viaCaptioner }) => app.runner.retry(id, { viaCaptioner: viaCaptioner ?? false }),
    'jobs:remove': async ({ id }) => {
      await app.runner.remove(id);
      await ctx.sweepUploads();
      return {};
    },
  };
}

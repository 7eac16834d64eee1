import { isHttpUrl } from '../../core/url';
import { CodedError } from '../../shared/result';
import { setLocalCopy } from '../media/source';
import type { ApiContext, Handlers } from './types';
import { checkUserFile } from './user-files';

/**
 * A transcript made from a link plays from the link, or from a local copy the person points to
 * (issue 14): a downloaded copy plays offline and seeks faster. The link stays the source.
 */
export function linkHandlers(ctx: ApiContext): Pick<Handlers, 'transcript:setLocalMedia'> {
  const { app } = ctx;
  return {
    'transcript:setLocalMedia': async ({ id, path }) => {
      const meta = app.transcripts.meta(id);
      if (!meta) throw new CodedError('NOT_FOUND', 'That transcript no longer exists.');
      if (!meta.sourcePath || !isHttpUrl(meta.sourcePath) || !meta.mediaId) throw new CodedError('NOT_A_LINK', `“${meta.title}” was made from a file on this computer, not from a link; it already plays that file.`, { title: meta.title });
      const file = path === null ? null : await checkUserFile(path, 'media', { home: app.home, uploadsDir: ctx.uploadsDir });
      setLocalCopy(app.db, meta.mediaId, file);
      await ctx.sweepUploads(); // a local copy replaced or cleared may have been an upload
      return { localCopy: file };
    },
  };
}

import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { HOTWORD_PREFIX, describeHotwordProblem, hotwordProblems, parseEntries, type HotwordProblem } from '../shared/hotwords';
import { CodedError } from '../shared/result';
import { ServiceError } from './dashscope/errors';
import type { App } from './app';

const VOCAB_ID = /^vocab-[a-z0-9]+-[0-9a-f]+$/;

/**
 * `--hotwords FILE`: either a vocabulary id, or the words themselves (one per line, optional
 * "| weight | language"). Words become a list made for the job's model and are reused for the
 * same words and model, so repeated runs do not eat into the account's 10-list quota.
 */
export async function hotwordsFromFile(app: Pick<App, 'state' | 'client'>, file: string, model: string): Promise<{ vocabularyId: string; created: boolean }> {
  const text = await readFile(file, 'utf8').catch(() => {
    throw new CodedError('FILE_UNREADABLE', `Cannot read the hotword file ${file}.`, { file });
  });
  const trimmed = text.trim();
  if (VOCAB_ID.test(trimmed)) return { vocabularyId: trimmed, created: false };
  const entries = parseEntries(trimmed);
  const problems = hotwordProblems(entries);
  if (problems.length) throw new CodedError('HOTWORDS_INVALID', `${file}: ${problems.slice(0, 3).map(describeHotwordProblem).join('; ')}.`, { file, reason: (problems[0] as HotwordProblem).code });
  const key = createHash('sha1').update(`${model}\n${JSON.stringify(entries)}`).digest('hex');
  const known = app.state.get('cliHotwordLists') ?? {};
  const client = app.client();
  const existing = known[key];
  if (existing) {
    // Only a definite "not found" means the list is gone; a network or service failure is not a
    // reason to make another list (the account holds ten at most).
    const still = await client.queryVocabulary(existing).then(
      () => true,
      (e: unknown) => {
        if (e instanceof ServiceError && e.code === 'SERVICE_NOT_FOUND') return false;
        throw e;
      },
    );
    if (still) return { vocabularyId: existing, created: false };
  }
  const id = await client.createVocabulary(model, HOTWORD_PREFIX, entries);
  app.state.set('cliHotwordLists', { ...known, [key]: id });
  return { vocabularyId: id, created: true };
}

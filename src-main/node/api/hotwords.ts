import { PROPOSE_AFTER } from '../../shared/corrections';
import { HOTWORD_PREFIX, MAX_LISTS, describeHotwordProblem, hotwordProblems, type HotwordProblem } from '../../shared/hotwords';
import { CodedError } from '../../shared/result';
import type { ApiContext, Handlers } from './types';

/** Entries the service would refuse: the first problem is the case the UI words, the others are counted. */
const invalid = (message: string, problems: readonly HotwordProblem[]): CodedError => {
  const { code, ...facts } = problems[0] as HotwordProblem;
  return new CodedError('HOTWORDS_INVALID', message, { reason: code, ...facts, problems: problems.length });
};

export function hotwordHandlers(ctx: ApiContext): Pick<Handlers, 'hotwords:list' | 'hotwords:save' | 'hotwords:delete' | 'corrections:record' | 'corrections:decide'> {
  const { app } = ctx;
  return {
    'hotwords:list': async () => {
      const client = app.client();
      const active = app.settings.get('hotwordListId');
      const lists = await client.listVocabularies(HOTWORD_PREFIX, 0, MAX_LISTS);
      return Promise.all(
        lists.map(async (l) => {
          const q = await client.queryVocabulary(l.vocabulary_id);
          return { id: l.vocabulary_id, targetModel: q.target_model ?? '', status: q.status ?? l.status ?? 'OK', entries: q.vocabulary, active: l.vocabulary_id === active };
        }),
      );
    },
    'hotwords:save': async ({ id, model, entries }) => {
      const problems = hotwordProblems(entries);
      if (problems.length) throw invalid(`Hotwords not saved: ${problems.slice(0, 3).map(describeHotwordProblem).join('; ')}${problems.length > 3 ? ` (+${problems.length - 3} more)` : ''}.`, problems);
      const client = app.client();
      let listId = id;
      if (listId) {
        const current = await client.queryVocabulary(listId);
        if (current.target_model && current.target_model !== model) throw new CodedError('HOTWORD_MODEL_MISMATCH', `This list was made for ${current.target_model}; create a new list for ${model}.`, { listModel: current.target_model, model });
        await client.updateVocabulary(listId, entries);
      } else {
        const all = await client.listVocabularies(undefined, 0, MAX_LISTS);
        if (all.length >= MAX_LISTS) throw new CodedError('HOTWORD_QUOTA', `The account already has ${MAX_LISTS} hotword lists (the most the service allows, across all apps). Delete one first.`, { limit: MAX_LISTS });
        listId = await client.createVocabulary(model, HOTWORD_PREFIX, entries);
      }
      app.settings.set('hotwordListId', listId);
      app.settings.set('hotwordModel', model);
      app.state.set('hotwordTerms', entries.map((e) => e.text));
      const q = await client.queryVocabulary(listId);
      return { id: listId, targetModel: q.target_model ?? model, status: q.status ?? 'OK', entries: q.vocabulary, active: true };
    },
    'hotwords:delete': async ({ id }) => {
      await app.client().deleteVocabulary(id);
      if (app.settings.get('hotwordListId') === id) {
        app.settings.unset('hotwordListId');
        app.settings.unset('hotwordModel');
      }
      return {};
    },
    'corrections:record': ({ terms }) => {
      const counts = new Map(app.state.get('correctionCounts') ?? []);
      const known = new Set([...(app.state.get('learnedTerms') ?? []), ...(app.state.get('declinedTerms') ?? [])].map((t) => t.toLowerCase()));
      for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
      app.state.set('correctionCounts', [...counts]);
      return { proposals: [...new Set(terms)].filter((t) => (counts.get(t) ?? 0) >= PROPOSE_AFTER && !known.has(t.toLowerCase())) };
    },
    'corrections:decide': async ({ term, accept }) => {
      if (!accept) {
        app.state.set('declinedTerms', [...new Set([...(app.state.get('declinedTerms') ?? []), term])]);
        return { addedToHotwords: false };
      }
      app.state.set('learnedTerms', [...new Set([...(app.state.get('learnedTerms') ?? []), term])]);
      // Also into the active hotword list, when there is one and a key to reach the service.
      const listId = app.settings.get('hotwordListId');
      if (!listId || !app.service().hasApiKey) return { addedToHotwords: false };
      const client = app.client();
      const list = await client.queryVocabulary(listId);
      if (list.vocabulary.some((e) => e.text.toLowerCase() === term.toLowerCase())) return { addedToHotwords: true };
      const entries = [...list.vocabulary, { text: term, weight: 4 }];
      const problems = hotwordProblems(entries);
      if (problems.length) throw invalid(`"${term}" cannot be a hotword: ${describeHotwordProblem(problems[0] as HotwordProblem)}.`, problems);
      await client.updateVocabulary(listId, entries);
      app.state.set('hotwordTerms', entries.map((e) => e.text));
      return { addedToHotwords: true };
    },
  };
}

import { PROPOSE_AFTER } from '../../shared/corrections';
import { HOTWORD_PREFIX, MAX_LISTS, checkEntries } from '../../shared/hotwords';
import { CodedError } from '../../shared/result';
import type { ApiContext, Handlers } from './types';

/**
 * Stored counts as a Map: a term is data, never a property name (`constructor`, `__proto__`
 * and `toString` are terms a person may correct).
 */
function readCounts(raw: unknown): Map<string, number> {
  const counts = new Map<string, number>();
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    for (const [k, v] of Object.entries(raw)) if (typeof v === 'number' && Number.isFinite(v)) counts.set(k, v);
  }
  return counts;
}

export function hotwordHandlers(ctx: ApiContext): Pick<Handlers, 'hotwords:list' | 'hotwords:save' | 'hotwords:delete' | 'corrections:record' | 'corrections:decide'> {
  const { app } = ctx;
  return {
    'hotwords:list': async () => {
      const client = app.client();
      const active = app.settings.get<string>('hotwordListId');
      const lists = await client.listVocabularies(HOTWORD_PREFIX, 0, MAX_LISTS);
      return Promise.all(
        lists.map(async (l) => {
          const q = await client.queryVocabulary(l.vocabulary_id);
          return { id: l.vocabulary_id, targetModel: q.target_model ?? '', status: q.status ?? l.status ?? 'OK', entries: q.vocabulary, active: l.vocabulary_id === active };
        }),
      );
    },
    'hotwords:save': async ({ id, model, entries }) => {
      const problems = checkEntries(entries);
      if (problems.length) throw new CodedError('HOTWORDS_INVALID', `Hotwords not saved: ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? ` (+${problems.length - 3} more)` : ''}.`);
      const client = app.client();
      let listId = id;
      if (listId) {
        const current = await client.queryVocabulary(listId);
        if (current.target_model && current.target_model !== model) throw new CodedError('HOTWORD_MODEL_MISMATCH', `This list was made for ${current.target_model}; create a new list for ${model}.`);
        await client.updateVocabulary(listId, entries);
      } else {
        const all = await client.listVocabularies(undefined, 0, MAX_LISTS);
        if (all.length >= MAX_LISTS) throw new CodedError('HOTWORD_QUOTA', `The account already has ${MAX_LISTS} hotword lists (the most the service allows, across all apps). Delete one first.`);
        listId = await client.createVocabulary(model, HOTWORD_PREFIX, entries);
      }
      app.settings.set('hotwordListId', listId);
      app.settings.set('hotwordModel', model);
      app.settings.set('hotwordTerms', entries.map((e) => e.text));
      const q = await client.queryVocabulary(listId);
      return { id: listId, targetModel: q.target_model ?? model, status: q.status ?? 'OK', entries: q.vocabulary, active: true };
    },
    'hotwords:delete': async ({ id }) => {
      await app.client().deleteVocabulary(id);
      if (app.settings.get<string>('hotwordListId') === id) {
        app.settings.delete('hotwordListId');
        app.settings.delete('hotwordModel');
      }
      return {};
    },
    'corrections:record': ({ terms }) => {
      const counts = readCounts(app.settings.get<unknown>('correctionCounts'));
      const known = new Set([...(app.settings.get<string[]>('learnedTerms') ?? []), ...(app.settings.get<string[]>('declinedTerms') ?? [])].map((t) => t.toLowerCase()));
      for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
      app.settings.set('correctionCounts', Object.fromEntries(counts));
      return { proposals: [...new Set(terms)].filter((t) => (counts.get(t) ?? 0) >= PROPOSE_AFTER && !known.has(t.toLowerCase())) };
    },
    'corrections:decide': async ({ term, accept }) => {
      if (!accept) {
        app.settings.set('declinedTerms', [...new Set([...(app.settings.get<string[]>('declinedTerms') ?? []), term])]);
        return { addedToHotwords: false };
      }
      app.settings.set('learnedTerms', [...new Set([...(app.settings.get<string[]>('learnedTerms') ?? []), term])]);
      // Also into the active hotword list, when there is one and a key to reach the service.
      const listId = app.settings.get<string>('hotwordListId');
      if (!listId || !app.service().hasApiKey) return { addedToHotwords: false };
      const client = app.client();
      const list = await client.queryVocabulary(listId);
      if (list.vocabulary.some((e) => e.text.toLowerCase() === term.toLowerCase())) return { addedToHotwords: true };
      const entries = [...list.vocabulary, { text: term, weight: 4 }];
      const problems = checkEntries(entries);
      if (problems.length) throw new CodedError('HOTWORDS_INVALID', `"${term}" cannot be a hotword: ${problems[0]}.`);
      await client.updateVocabulary(listId, entries);
      app.settings.set('hotwordTerms', entries.map((e) => e.text));
      return { addedToHotwords: true };
    },
  };
}

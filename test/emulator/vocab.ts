import { randomBytes } from 'node:crypto';

/** Hotword list store with the documented rules (funasr-api.md §6.1). */
export interface VocabList {
  id: string;
  prefix: string;
  targetModel: string;
  entries: { text: string; weight: number; lang?: string }[];
  created: string;
  modified: string;
}

export type VocabReply = { status: number; body: Record<string, unknown> };

const stamp = (ms: number): string => new Date(ms + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 19); // Beijing time

function checkEntries(v: unknown): string | null {
  if (!Array.isArray(v)) return 'vocabulary must be an array';
  if (v.length > 500) return 'vocabulary has more than 500 entries';
  for (const e of v as Record<string, unknown>[]) {
    if (typeof e?.text !== 'string' || !e.text.trim()) return 'every entry needs a non-empty text';
    if (!Number.isInteger(e.weight) || (e.weight as number) < 1 || (e.weight as number) > 5) return `weight of "${e.text}" must be an integer from 1 to 5`;
    const ascii = /^[\x20-\x7e]*$/.test(e.text);
    if (ascii && e.text.trim().split(/\s+/).length > 7) return `"${e.text}" has more than 7 words`;
    if (!ascii && [...e.text].length > 15) return `"${e.text}" is longer than 15 characters`;
  }
  return null;
}

export function handleVocab(store: Map<string, VocabList>, input: Record<string, unknown>, models: Set<string>, now: number, maxLists = 10): VocabReply {
  const bad = (message: string): VocabReply => ({ status: 400, body: { code: 'InvalidParameter', message } });
  const find = (): VocabList | VocabReply => {
    const v = store.get(String(input.vocabulary_id));
    return v ?? { status: 416, body: { code: 'BadRequest.ResourceNotExist', message: 'Vocabulary not exist.' } };
  };
  switch (input.action) {
    case 'create_vocabulary': {
      const prefix = String(input.prefix ?? '');
      if (!/^[a-z0-9]{1,9}$/.test(prefix)) return bad('prefix must be 1-9 lowercase letters or digits');
      if (!models.has(String(input.target_model))) return bad(`target_model ${String(input.target_model)} is not supported`);
      const problem = checkEntries(input.vocabulary);
      if (problem) return bad(problem);
      if (store.size >= maxLists) return { status: 400, body: { code: 'Throttling.AllocationQuota', message: 'Free allocated quota exceeded.' } };
      const id = `vocab-${prefix}-${randomBytes(16).toString('hex')}`;
      store.set(id, { id, prefix, targetModel: String(input.target_model), entries: input.vocabulary as VocabList['entries'], created: stamp(now), modified: stamp(now) });
      return { status: 200, body: { output: { vocabulary_id: id } } };
    }
    case 'list_vocabulary': {
      const page = Number(input.page_index ?? 0);
      const size = Number(input.page_size ?? 10);
      const all = [...store.values()].filter((v) => !input.prefix || v.prefix === input.prefix);
      const list = all.slice(page * size, page * size + size).map((v) => ({ vocabulary_id: v.id, gmt_create: v.created, gmt_modified: v.modified, status: 'OK' }));
      return { status: 200, body: { output: { vocabulary_list: list } } };
    }
    case 'query_vocabulary': {
      const v = find();
      if ('status' in v) return v;
      return { status: 200, body: { output: { vocabulary: v.entries, target_model: v.targetModel, gmt_create: v.created, gmt_modified: v.modified, status: 'OK' } } };
    }
    case 'update_vocabulary': {
      const v = find();
      if ('status' in v) return v;
      const problem = checkEntries(input.vocabulary);
      if (problem) return bad(problem);
      v.entries = input.vocabulary as VocabList['entries'];
      v.modified = stamp(now);
      return { status: 200, body: { output: {} } };
    }
    case 'delete_vocabulary': {
      const v = find();
      if ('status' in v) return v;
      store.delete(v.id);
      return { status: 200, body: { output: {} } };
    }
    default:
      return bad(`unknown action ${String(input.action)}`);
  }
}

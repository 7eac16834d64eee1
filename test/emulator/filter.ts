/**
 * special_word_filter as the service applies it (funasr-api.md §2.2): words in
 * filter_with_signed are masked with one * per character, words in filter_with_empty are removed.
 * (The built-in list, system_reserved_filter, is the service's secret; nothing is invented for it.)
 */
export interface WordFilter {
  mask: Set<string>;
  remove: Set<string>;
}

export function parseWordFilter(raw: unknown): WordFilter {
  const f: WordFilter = { mask: new Set(), remove: new Set() };
  if (typeof raw !== 'string') return f;
  try {
    const j = JSON.parse(raw) as { filter_with_signed?: { word_list?: string[] }; filter_with_empty?: { word_list?: string[] } };
    for (const w of j.filter_with_signed?.word_list ?? []) f.mask.add(w.toLowerCase());
    for (const w of j.filter_with_empty?.word_list ?? []) f.remove.add(w.toLowerCase());
  } catch {
    // The submit handler already refused non-string values; malformed JSON is ignored, as a lenient service would.
  }
  return f;
}

export function applyWordFilter<W extends { text: string; punctuation: string }>(words: W[], f: WordFilter): W[] {
  if (!f.mask.size && !f.remove.size) return words;
  return words
    .filter((w) => !f.remove.has(w.text.trim().toLowerCase()))
    .map((w) => {
      const bare = w.text.trim();
      if (!f.mask.has(bare.toLowerCase())) return w;
      return { ...w, text: w.text.replace(bare, '*'.repeat([...bare].length)) };
    });
}

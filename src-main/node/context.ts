import { glossary, type FlashContext } from '../shared/flash';
import type { App } from './app';
import type { GlossarySources } from './translate/glossary';

/**
 * The quick-mode context Captioner fills from the library: speaker names people gave, terms they
 * corrected, the active hotword list; plus the free text the user wrote. Literal terms are what
 * the service matches on (§8.1), so the glossary comes first and is kept whole.
 */
export function autoContext(app: Pick<App, 'settings' | 'state' | 'db'>): FlashContext {
  const learned = app.state.get('learnedTerms') ?? [];
  const hotwords = app.state.get('hotwordTerms') ?? [];
  const names = (app.db.prepare("SELECT DISTINCT name FROM speakers WHERE name NOT LIKE 'Speaker %' ORDER BY rowid DESC LIMIT 30").all() as { name: string }[]).map((r) => r.name);
  const own = (app.settings.get('quickContext') ?? '').trim();
  const terms = glossary([...learned, ...hotwords, ...names]);
  return { texts: [terms, own].filter(Boolean) };
}

/**
 * The translation glossary's sources (issue 11): the user's term pairs from Settings, and words
 * that keep their spelling — the active hotword list, corrected terms, speaker names people gave.
 */
export function translationGlossary(app: Pick<App, 'settings' | 'state' | 'db'>): GlossarySources {
  const learned = app.state.get('learnedTerms') ?? [];
  const hotwords = app.state.get('hotwordTerms') ?? [];
  const names = (app.db.prepare("SELECT DISTINCT name FROM speakers WHERE name NOT LIKE 'Speaker %' ORDER BY rowid DESC LIMIT 100").all() as { name: string }[]).map((r) => r.name);
  return { pairs: app.settings.get('translationTerms'), keep: [...hotwords, ...learned, ...names] };
}

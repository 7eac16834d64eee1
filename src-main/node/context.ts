import { glossary, type FlashContext } from '../shared/flash';
import type { App } from './app';

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

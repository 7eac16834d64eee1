import type { MenuItemConstructorOptions } from 'electron';
import type { Reply } from '../shared/ipc/contract';
import { MESSAGES, type Lang } from './messages';

/** The parts of Electron's 'context-menu' params the spelling menu reads. */
export interface ContextParams {
  isEditable: boolean;
  misspelledWord: string;
  dictionarySuggestions: string[];
  selectionText: string;
  editFlags: { canCut: boolean; canCopy: boolean; canPaste: boolean; canSelectAll: boolean };
}

/**
 * What the menu does, given by the window: the real webContents/session/menu in the app, a small
 * stand-in in tests (test/electron/spellcheck.test.ts).
 */
export interface SpellDeps {
  replaceMisspelling(word: string): void;
  /** Electron's own dictionary (session.addWordToSpellCheckerDictionary). */
  addToSpellchecker(word: string): void;
  /** Captioner's learned terms and active hotword list (the editor's Ctrl+D path, through the validated API). */
  learn(term: string): Promise<{ ok: boolean; code?: string }>;
  popup(template: MenuItemConstructorOptions[]): void;
  language(): Lang;
  log?(line: string): void;
}

/** Most suggestions shown, as in the system's own menus. */
const MAX_SUGGESTIONS = 6;

/**
 * The context menu of a text box: the dictionary's suggestions for a misspelled word, "Add to
 * dictionary" (Electron's and Captioner's), then the usual edit commands, in the app's language.
 * Nothing is shown outside text boxes and selections.
 */
export function spellMenu(p: ContextParams, d: SpellDeps): MenuItemConstructorOptions[] {
  const t = MESSAGES[d.language()];
  const items: MenuItemConstructorOptions[] = [];
  const word = p.misspelledWord.trim();
  if (p.isEditable && word) {
    const suggestions = p.dictionarySuggestions.slice(0, MAX_SUGGESTIONS);
    for (const s of suggestions) items.push({ label: s, click: () => d.replaceMisspelling(s) });
    if (!suggestions.length) items.push({ label: t.spellNone, enabled: false });
    items.push({ type: 'separator' });
    items.push({
      label: t.spellAdd(word),
      click: () => {
        d.addToSpellchecker(word);
        void d.learn(word).then(
          (r) => r.ok || d.log?.(`add to dictionary: ${r.code ?? 'failed'}`),
          (e: unknown) => d.log?.(`add to dictionary: ${(e as Error).message}`),
        );
      },
    });
    items.push({ type: 'separator' });
  }
  if (p.isEditable) {
    items.push({ role: 'cut', label: t.cut, enabled: p.editFlags.canCut }, { role: 'copy', label: t.copy, enabled: p.editFlags.canCopy }, { role: 'paste', label: t.paste, enabled: p.editFlags.canPaste });
    items.push({ type: 'separator' }, { role: 'selectAll', label: t.selectAll, enabled: p.editFlags.canSelectAll });
  } else if (p.selectionText.trim()) items.push({ role: 'copy', label: t.copy });
  return items;
}

/** Shows the menu on every right click in the window's page. */
export function installSpellMenu(contents: { on(event: 'context-menu', listener: (e: unknown, params: ContextParams) => void): unknown }, d: SpellDeps): void {
  contents.on('context-menu', (_e, params) => {
    const template = spellMenu(params, d);
    if (template.length) d.popup(template);
  });
}

/** "Add to dictionary" for Captioner's lists: the editor's Ctrl+D method, validated by the contract, answered with a code. */
export const learnThrough =
  (api: { call(method: string, payload: unknown): Promise<Reply<unknown>> }) =>
  async (term: string): Promise<{ ok: boolean; code?: string }> => {
    const r = await api.call('corrections:decide', { term, accept: true });
    return r.ok ? { ok: true } : { ok: false, code: r.error.code };
  };

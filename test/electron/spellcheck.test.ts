import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installSpellMenu, learnThrough, type ContextParams, type SpellDeps } from '../../src-main/electron/spellcheck';
import { createApi } from '../../src-main/node/api';
import { openApp, type App } from '../../src-main/node/app';

/**
 * The spelling menu's glue (src-main/electron/spellcheck.ts) through a stand-in for the window's
 * webContents and menu, with the real API over a real library for "Add to dictionary".
 */
let app: App;
let api: ReturnType<typeof createApi>;
beforeAll(() => {
  app = openApp({ home: mkdtempSync(join(tmpdir(), 'spell-')), env: { ...process.env, DASHSCOPE_API_KEY: '' } });
  api = createApi(app, { version: 'test', transport: 'electron' });
});
afterAll(() => app.close());

const flags = { canCut: true, canCopy: true, canPaste: true, canSelectAll: true };
const params = (o: Partial<ContextParams>): ContextParams => ({ isEditable: true, misspelledWord: '', dictionarySuggestions: [], selectionText: '', editFlags: flags, ...o });

function stand(language: 'en' | 'zh-CN' = 'en') {
  const contents = new EventEmitter();
  const shown: MenuItemConstructorOptions[][] = [];
  const replaced: string[] = [];
  const added: string[] = [];
  const logs: string[] = [];
  const learned: Promise<unknown>[] = [];
  const learn = learnThrough(api);
  const deps: SpellDeps = {
    replaceMisspelling: (w) => void replaced.push(w),
    addToSpellchecker: (w) => void added.push(w),
    learn: (term) => {
      const p = learn(term);
      learned.push(p);
      return p;
    },
    popup: (t) => void shown.push(t),
    language: () => language,
    log: (l) => void logs.push(l),
  };
  installSpellMenu(contents as never, deps);
  const rightClick = (p: ContextParams) => contents.emit('context-menu', {}, p);
  const click = (item: MenuItemConstructorOptions | undefined) => (item?.click as (() => void) | undefined)?.();
  return { shown, replaced, added, logs, learned, rightClick, click };
}

describe('spelling context menu', () => {
  it('offers the suggestions for a misspelled word and replaces it with the one chosen', () => {
    const s = stand();
    s.rightClick(params({ misspelledWord: 'captoin', dictionarySuggestions: ['caption', 'captain'] }));
    const menu = s.shown[0]!;
    expect(menu.slice(0, 2).map((i) => i.label)).toEqual(['caption', 'captain']);
    s.click(menu[1]);
    expect(s.replaced).toEqual(['captain']);
    expect(menu.map((i) => i.role).filter(Boolean)).toEqual(['cut', 'copy', 'paste', 'selectAll']);
  });

  it('adds a word to Electron’s dictionary and to Captioner’s learned terms through the API', async () => {
    const s = stand();
    s.rightClick(params({ misspelledWord: 'Qwen', dictionarySuggestions: [] }));
    const menu = s.shown[0]!;
    expect(menu[0]).toMatchObject({ label: 'No suggestions', enabled: false });
    const add = menu.find((i) => i.label === 'Add “Qwen” to dictionary');
    s.click(add);
    await Promise.all(s.learned);
    expect(s.added).toEqual(['Qwen']);
    expect(app.state.get('learnedTerms')).toContain('Qwen');
    expect(s.logs).toEqual([]);
  });

  it('logs the code when the API refuses the word, and still adds it to the spellchecker', async () => {
    const s = stand();
    const long = 'x'.repeat(61); // over the contract's 60 characters
    s.rightClick(params({ misspelledWord: long }));
    s.click(s.shown[0]!.find((i) => i.label?.startsWith('Add')));
    await Promise.all(s.learned);
    expect(s.added).toEqual([long]);
    expect(s.logs).toEqual(['add to dictionary: INVALID_INPUT']);
    expect(app.state.get('learnedTerms') ?? []).not.toContain(long);
  });

  it('speaks the app’s language, offers only Copy outside text boxes, and nothing without a selection', () => {
    const s = stand('zh-CN');
    s.rightClick(params({ misspelledWord: 'teh', dictionarySuggestions: ['the'] }));
    expect(s.shown[0]!.map((i) => i.label).filter(Boolean)).toEqual(['the', '把“teh”加入词典', '剪切', '复制', '粘贴', '全选']);
    s.rightClick(params({ isEditable: false, selectionText: '字幕' }));
    expect(s.shown[1]).toEqual([{ role: 'copy', label: '复制' }]);
    s.rightClick(params({ isEditable: false }));
    expect(s.shown).toHaveLength(2);
  });
});

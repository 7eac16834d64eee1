import { describe, expect, it } from 'vitest';
import { harness } from './harness/open';

/**
 * The cue text box the editor's grid uses for a cue's text and for its translation
 * (src-renderer/screens/editor/CueTextArea.tsx), rendered by React in Debian's Chromium and typed
 * into with real key presses: what it keeps, cancels and splits, and which keys it keeps from the
 * editor's shortcuts (a window listener, as the editor's is).
 */
const h = harness('cue-text-area');

const box = () => h.page.getByRole('textbox', { name: 'Text of cue 1' });
/** What happened, modifier keys left out. */
const log = async () => (await h.page.evaluate<string[]>('window.log')).filter((l) => !/:(Control|Shift|Alt|Meta)$/.test(l));
const keys = () => h.page.evaluate<{ key: string; prevented: boolean }[]>('window.keys');
/** A fresh cell with the box open on "Hello world" and focused; the caret where the box puts it, or after `caret` characters. */
async function open(o: { split: boolean; caret?: number }) {
  await h.page.evaluate(`window.mount(${JSON.stringify({ split: o.split })})`);
  await expect.poll(() => box().evaluate((el) => el === (el as unknown as { ownerDocument: { activeElement: unknown } }).ownerDocument.activeElement)).toBe(true);
  if (o.caret === undefined) return;
  await box().evaluate((el, at) => (el as unknown as { setSelectionRange(a: number, b: number): void }).setSelectionRange(at, at), o.caret);
}

describe('CueTextArea (React in Chromium)', () => {
  it('opens focused on the stored text with the caret after it; Enter keeps what was typed and closes, and Enter stays out of the shortcuts', async () => {
    await open({ split: true });
    expect(await box().inputValue()).toBe('Hello world');
    await h.page.keyboard.type(' again');
    await h.page.keyboard.press('Enter');
    expect(await log()).toEqual([...' again'].flatMap((k) => [`cell:${k}`, `window:${k}`]).concat(['commit:Hello world again', 'close']));
    expect(await box().count()).toBe(0);
    expect(await h.page.getByRole('button', { name: 'Hello world again' }).count()).toBe(1);
  });

  it('Shift+Enter starts a new line; leaving the box keeps the text', async () => {
    await open({ split: true });
    await h.page.keyboard.press('Shift+Enter');
    await h.page.keyboard.type('second');
    expect(await box().inputValue()).toBe('Hello world\nsecond');
    expect(await log()).toEqual([...'second'].flatMap((k) => [`cell:${k}`, `window:${k}`]));
    await h.page.getByRole('textbox', { name: 'elsewhere' }).click();
    expect((await log()).slice(-2)).toEqual(['commit:Hello world\nsecond', 'close']);
  });

  it('Escape cancels: nothing is kept, and the box opens again on the stored text', async () => {
    await open({ split: true });
    await h.page.keyboard.type('xyz');
    await h.page.keyboard.press('Escape');
    const after = await log();
    expect(after.slice(-1)).toEqual(['close']);
    expect(after.some((l) => l.startsWith('commit') || l === 'window:Escape' || l === 'cell:Escape')).toBe(false);
    await h.page.getByRole('button', { name: 'Hello world' }).click();
    expect(await box().inputValue()).toBe('Hello world');
  });

  it('Ctrl+Enter splits at the caret where a split applies, and does nothing where it does not', async () => {
    await open({ split: true, caret: 5 });
    await h.page.keyboard.type('!');
    await h.page.keyboard.press('Control+Enter');
    expect(await log()).toEqual(['cell:!', 'window:!', 'split:6:Hello! world', 'close']);
    await open({ split: false, caret: 5 });
    await h.page.keyboard.press('Control+Enter');
    await h.page.keyboard.press('Meta+Enter');
    expect(await box().inputValue()).toBe('Hello world');
    expect(await log()).toEqual([]);
  });

  it('other keys reach the editor shortcuts (not prevented by the box), clicks stay in the box', async () => {
    await open({ split: true });
    await h.page.keyboard.press('F11');
    await h.page.keyboard.press('Alt+ArrowDown');
    expect((await keys()).filter((k) => k.key !== 'Alt')).toEqual([
      { key: 'F11', prevented: false },
      { key: 'ArrowDown', prevented: false },
    ]);
    await box().click();
    expect(await log()).not.toContain('cell:click');
  });

  it('follows the stored text when it changes while open (an undo, a translation arriving)', async () => {
    await open({ split: true });
    await h.page.keyboard.type(' draft');
    await h.page.evaluate(`window.setStored('Changed elsewhere')`);
    await expect.poll(() => box().inputValue()).toBe('Changed elsewhere');
    await h.page.keyboard.press('Enter');
    expect((await log()).slice(-2)).toEqual(['commit:Changed elsewhere', 'close']);
    expect(h.errors).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { harness } from './harness/open';

/**
 * The Delete button of the Library's and the hotword lists' rows (src-renderer/components/
 * DeleteButton.tsx), rendered by React in Debian's Chromium with the app's translations and
 * clicked, Chromium's own confirm dialog answered each way.
 */
const h = harness('delete-button');

const log = () => h.page.evaluate<string[]>('window.log');
const mount = (o: { lang: 'en' | 'zh-CN'; label?: string; fail?: { code: string; message: string } }) => h.page.evaluate(`window.mount(${JSON.stringify(o)})`);
/** Clicks `name`, answering the confirm dialog; resolves with its question. */
async function click(name: string, accept: boolean): Promise<string> {
  const asked = new Promise<string>((resolve) =>
    h.page.once('dialog', (d) => {
      resolve(d.message());
      void (accept ? d.accept() : d.dismiss());
    }),
  );
  await h.page.getByRole('button', { name, exact: true }).click();
  return asked;
}

describe('DeleteButton (React in Chromium)', () => {
  it('asks first: declined, nothing is deleted and nothing told', async () => {
    await mount({ lang: 'en' });
    expect(await click('Delete', false)).toBe('Delete “Talk”?');
    await new Promise((r) => setTimeout(r, 50));
    expect(await log()).toEqual([]);
  });

  it('accepted, deletes once', async () => {
    await mount({ lang: 'en', label: 'Delete Talk' });
    expect(await click('Delete Talk', true)).toBe('Delete “Talk”?');
    await expect.poll(log).toEqual(['delete', 'deleted']);
    expect(await h.page.getByRole('button').innerText()).toBe('Delete');
  });

  it('a failed deletion is told, once, with its reason in the UI’s language', async () => {
    const message = 'The requested resource does not exist. (service: BadRequest.ResourceNotExist)';
    await mount({ lang: 'zh-CN', fail: { code: 'SERVICE_NOT_FOUND', message } });
    await click('删除', true);
    await expect.poll(log).toEqual(['delete', 'notify:服务上已没有此项（是否已在别处删除，例如控制台？）。请刷新后重试。', `detail:${message}`]);
    expect(h.errors).toEqual([]);
  });
});

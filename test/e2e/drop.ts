import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

/** Drops a real file on the app's window, as a person would (dragenter, then drop). */
export async function dropFile(page: Page, file: string, name: string): Promise<void> {
  const b64 = readFileSync(file).toString('base64');
  await page.evaluate(
    ({ b64, name }) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], name, { type: 'video/mp4' }));
      const target = document.querySelector('.shell') as HTMLElement;
      target.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    },
    { b64, name },
  );
}

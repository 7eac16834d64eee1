import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';

/**
 * The renderer's Content-Security-Policy, written into index.html as a <meta> so that it holds
 * wherever the page is loaded: file:// in the packaged app (where response headers do not
 * exist), the dev server, and `captioner serve` (whose header policy is enforced on top).
 *
 * Media come from the signed-URL server, which listens on a loopback port chosen at run time.
 * `frame-ancestors` is not allowed in a <meta> (browsers ignore it and warn); `captioner serve`
 * sends it as a header.
 */
const MEDIA_HOSTS = 'http://127.0.0.1:* http://localhost:*';

export function rendererPolicy(mode: 'production' | 'development', inlineScriptHashes: readonly string[] = []): string {
  const dev = mode === 'development';
  return [
    "default-src 'self'",
    // Production: only the bundled files. Dev: also the exact inline preamble(s) that
    // @vitejs/plugin-react injects, by hash; still no 'unsafe-inline' and no 'unsafe-eval'.
    `script-src 'self'${inlineScriptHashes.map((h) => ` '${h}'`).join('')}`,
    // Vite injects <style> elements in dev; React sets style attributes in both.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    `media-src 'self' blob: ${MEDIA_HOSTS}`,
    "font-src 'self' data:",
    // 'self' covers the same-origin WebSocket of `captioner serve`; the dev server adds its HMR socket.
    dev ? "connect-src 'self' ws://localhost:* ws://127.0.0.1:*" : "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

const META_RE = /<meta http-equiv="Content-Security-Policy"[^>]*>\s*/i;
const INLINE_SCRIPT_RE = /<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi;

export const sha256 = (text: string): string => `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;

/** Puts the policy for this mode at the top of <head>, after every other plugin has changed the page. */
export function cspPlugin(): Plugin {
  let mode: 'production' | 'development' = 'production';
  return {
    name: 'captioner:csp',
    enforce: 'post',
    configResolved(config) {
      mode = config.command === 'serve' ? 'development' : 'production';
    },
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const written = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/i.exec(html)?.[1];
        if (written !== undefined && written.includes("'self'") && !written.includes('sha256-') && written !== rendererPolicy('production')) {
          throw new Error(`src-renderer/index.html's Content-Security-Policy differs from scripts/vite-csp.ts:\n  html: ${written}\n  code: ${rendererPolicy('production')}`);
        }
        const hashes = mode === 'development' ? [...html.matchAll(INLINE_SCRIPT_RE)].map((m) => sha256(m[1] ?? '')).filter((h) => h !== sha256('')) : [];
        if (mode === 'production' && [...html.matchAll(INLINE_SCRIPT_RE)].some((m) => (m[1] ?? '').trim())) {
          throw new Error('The production renderer must not contain inline scripts: its policy does not allow them.');
        }
        const meta = `<meta http-equiv="Content-Security-Policy" content="${rendererPolicy(mode, hashes)}" />`;
        return html.replace(META_RE, '').replace(/<head>/i, `<head>\n    ${meta}`);
      },
    },
  };
}

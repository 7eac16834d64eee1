// Bundles the CLI into out/cli/captioner.mjs; native and CommonJS-with-dynamic-require packages stay external.
import { build } from 'esbuild';

await build({
  entryPoints: ['src-main/cli/entry.ts'],
  outfile: 'out/cli/captioner.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external: ['better-sqlite3', 'fluent-ffmpeg'],
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: 'warning',
});
console.log('built out/cli/captioner.mjs');

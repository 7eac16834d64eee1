import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import { cspPlugin } from './scripts/vite-csp';

// Main and preload run in Electron; the renderer is a plain web app that the headless
// `captioner serve` also serves from out/renderer.
export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    // CommonJS (.cjs) because the package is an ES module package and Electron's sandboxed preload needs CJS.
    build: { outDir: 'out/main', rollupOptions: { input: { index: resolve(__dirname, 'src-main/index.ts') }, output: { format: 'cjs', entryFileNames: '[name].cjs' } } },
  },
  preload: {
    plugins: [externalizeDepsPlugin()],
    build: { outDir: 'out/preload', rollupOptions: { input: { index: resolve(__dirname, 'src-main/preload/index.ts') }, output: { format: 'cjs', entryFileNames: '[name].cjs' } } },
  },
  renderer: {
    root: 'src-renderer',
    // The CSP <meta> in index.html is rewritten per mode: the dev page needs the React preamble's hash.
    plugins: [react(), cspPlugin()],
    resolve: { alias: { '@shared': resolve(__dirname, 'src-main/shared') } },
    build: { outDir: 'out/renderer', rollupOptions: { input: resolve(__dirname, 'src-renderer/index.html') } },
  },
});

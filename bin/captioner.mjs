#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../out/cli/captioner.mjs', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write('captioner is not built yet: run "npm run build" in the Captioner checkout first.\n');
  process.exit(1);
}
await import(bundle);

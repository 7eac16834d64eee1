import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
export const fixtureBytes = (...parts: string[]): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, ...parts)));

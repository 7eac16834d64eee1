/**
 * `npm run bench [-- section...]`: the speed and size targets, each against a baseline timed in
 * the same run. Sections: formats, search (builds a 10,000-transcript library once, in
 * bench-output/), peaks (generates long audio once, in bench-output/), batch (100 and 1,000 files
 * against the emulator), translate (2,000 cues against the emulator's Qwen-MT limits). With no
 * section, all of them run. The machine is shared: each section prints the load average before
 * and after it, beside its figures.
 */
import { loadavg } from 'node:os';
import { benchBatch } from './batch';
import { benchFormats } from './formats';
import { benchPeaks } from './peaks';
import { benchSearch } from './search';
import { benchTranslate } from './translate';

const SECTIONS: Record<string, () => Promise<void>> = { formats: benchFormats, search: benchSearch, peaks: benchPeaks, batch: benchBatch, translate: benchTranslate };
const asked = process.argv.slice(2);
const unknown = asked.filter((a) => !(a in SECTIONS));
if (unknown.length) {
  console.error(`Unknown bench section ${unknown.join(', ')}; choose from ${Object.keys(SECTIONS).join(', ')}.`);
  process.exit(2);
}
for (const name of asked.length ? asked : Object.keys(SECTIONS)) {
  const load = (): string => loadavg().map((l) => l.toFixed(2)).join(' ');
  console.log(`\n=== ${name} === (load average ${load()})`);
  await (SECTIONS[name] as () => Promise<void>)();
  console.log(`(${name}: load average ${load()} at the end)`);
}

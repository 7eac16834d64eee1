import { estimateTokens } from './tokens';
import type { MeaningUnit } from './units';

/** One request: several meaning units, one per line of the user message. */
export interface Batch {
  index: number;
  units: MeaningUnit[];
  /** The unit texts joined by '\n'. */
  content: string;
  /** Estimated tokens of `content` (terms and memory are budgeted by the caller). */
  inputTokens: number;
}

/** A unit's text on one line: a line break inside would be read as a unit boundary. */
const oneLine = (text: string): string => text.replace(/\s*[\r\n]+\s*/g, ' ').trim();

/**
 * Packs units in order into requests of at most `maxInputTokens` estimated tokens, keeping every
 * unit whole. A unit larger than the budget on its own gets a request to itself (the service
 * answers "too long" and the job splits it; never a unit cut in the middle here).
 */
export function planBatches(units: readonly MeaningUnit[], opts: { maxInputTokens: number; maxUnits?: number }): Batch[] {
  const maxUnits = opts.maxUnits ?? Infinity;
  const batches: Batch[] = [];
  let current: MeaningUnit[] = [];
  let lines: string[] = [];
  const flush = (): void => {
    if (!current.length) return;
    const content = lines.join('\n');
    batches.push({ index: batches.length, units: current, content, inputTokens: estimateTokens(content) });
    current = [];
    lines = [];
  };
  for (const unit of units) {
    const line = oneLine(unit.text);
    if (!line) continue;
    const withIt = estimateTokens([...lines, line].join('\n'));
    if (current.length && (withIt > opts.maxInputTokens || current.length >= maxUnits)) flush();
    current.push(unit);
    lines.push(line);
  }
  flush();
  return batches;
}

/**
 * The translation of each unit of a batch from the service's answer, one per line; blank lines
 * (some models add them between paragraphs) are ignored. Undefined when the number of lines does
 * not match the units: the lines cannot be matched to cues safely, so the caller retranslates
 * smaller pieces instead of guessing.
 */
export function splitResponse(batch: Pick<Batch, 'units'>, content: string): string[] | undefined {
  const lines = content.split(/\r\n|\r|\n|\u2028|\u2029/).map((l) => l.trim()).filter(Boolean);
  return lines.length === batch.units.length ? lines : undefined;
}

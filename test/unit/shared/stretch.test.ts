import { describe, expect, it } from 'vitest';
import type { Cue } from '../../../src-main/shared/captions/model';
import { stretchSelection } from '../../../src-main/shared/captions/stretch';

const cue = (id: string, start: number, end: number): Cue => ({ id, start, end, lines: [id], words: [] });
const times = (cs: readonly Cue[]) => cs.map((c) => [c.id, c.start, c.end]);

describe('stretch on a selection', () => {
  const cues = [cue('a', 0, 900), cue('b', 10_000, 12_000), cue('c', 12_500, 14_000), cue('d', 15_000, 16_000), cue('e', 40_000, 41_000)];

  it('scales by a factor around the first selected cue’s start; other cues stay', () => {
    const r = stretchSelection(cues, ['b', 'c', 'd'], { factor: 1.5 }, 83);
    expect(r.factor).toBe(1.5);
    expect(times(r.cues)).toEqual([['a', 0, 900], ['b', 10_000, 13_000], ['c', 13_750, 16_000], ['d', 17_500, 19_000], ['e', 40_000, 41_000]]);
  });

  it('moves the last selected end to a new time', () => {
    const r = stretchSelection(cues, ['b', 'c', 'd'], { endMs: 13_000 }, 83);
    expect(r.factor).toBeCloseTo(0.5);
    const [, b, c, d] = r.cues;
    expect([b!.start, d!.end]).toEqual([10_000, 13_000]);
    // Shrunk gaps are widened back to the preset's minimum.
    expect(c!.start - b!.end).toBeGreaterThanOrEqual(83);
    expect(d!.start - c!.end).toBeGreaterThanOrEqual(83);
  });

  it('stops at the gap before an unselected neighbour, and does nothing without room', () => {
    const r = stretchSelection(cues, ['b', 'c'], { factor: 2 }, 83);
    expect(r.factor).toBeCloseTo((15_000 - 83 - 10_000) / 4000);
    expect(r.cues[3]!.start - r.cues[2]!.end).toBe(83);
    expect(stretchSelection(cues, ['b', 'c', 'd'], { endMs: 9000 }, 83).factor).toBeNull();
    const tight = [cue('x', 0, 1000), cue('y', 1083, 2000)];
    expect(stretchSelection(tight, ['x'], { factor: 1.2 }, 83).factor).toBeNull();
  });
});

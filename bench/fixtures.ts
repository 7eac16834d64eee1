import type { Track } from '../src-main/shared/captions/model';

const WORDS = 'the quick brown fox jumps over a lazy dog while captions keep pace with every spoken word in the room 大家好 我们 开始 今天的 会议'.split(' ');

/** A deterministic track of n cues, one or two lines each, about 3 s apart. */
export function benchTrack(n: number): Track {
  let seed = 42;
  const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const line = (): string => Array.from({ length: 4 + Math.floor(rnd() * 5) }, () => WORDS[Math.floor(rnd() * WORDS.length)]).join(' ');
  return {
    speakers: [],
    cues: Array.from({ length: n }, (_, k) => ({
      id: `c${k + 1}`,
      start: k * 3000 + 100,
      end: k * 3000 + 2600,
      lines: rnd() < 0.5 ? [line()] : [line(), line()],
      words: [],
    })),
  };
}

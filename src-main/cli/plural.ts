/** "1 cue", "2 cues", "0 cues": English counts for CLI messages. */
export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

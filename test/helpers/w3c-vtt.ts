import { createRequire } from 'node:module';

// webvtt-parser is the engine of the W3C live validator (CommonJS, no types).
const require = createRequire(import.meta.url);
const { WebVTTParser } = require('webvtt-parser') as {
  WebVTTParser: new () => { parse(input: string, mode?: string): { cues: { startTime: number; endTime: number; text: string; id: string }[]; errors: { message: string; line: number }[] } };
};

export function w3cParse(text: string): { cues: { startTime: number; endTime: number; text: string; id: string }[]; errors: { message: string; line: number }[] } {
  return new WebVTTParser().parse(text, 'metadata');
}

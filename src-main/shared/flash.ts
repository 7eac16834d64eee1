import { z } from 'zod';

/**
 * Fun-ASR-Flash (funasr-api.md §8): the synchronous call, its limits, context messages, and the
 * merging of streamed sentence events.
 */
export const FLASH_MODEL = 'fun-asr-flash-2026-06-15';
export const FLASH_MAX_MS = 300_000; // "≤ 5 min", and a hard 300 s cut measured on a sibling model
export const FLASH_MAX_DATA_URI = 10 * 1024 * 1024; // "≤ 10 MB after base64" (doc); 20 MiB measured [E]
export const CONTEXT_MAX_PER_TYPE = 5;
export const CONTEXT_MAX_CHARS = 400;

const word = z.looseObject({ begin_time: z.number(), end_time: z.number(), text: z.string(), punctuation: z.string().optional().default(''), fixed: z.boolean().optional() });
const sentence = z.looseObject({
  sentence_id: z.number().optional(),
  sentence_end: z.boolean().optional(),
  begin_time: z.number(),
  end_time: z.number().optional(),
  text: z.string().default(''),
  channel_id: z.number().optional(),
  speaker_id: z.number().optional(),
  words: z.array(word).optional().default([]),
});
export type FlashSentence = z.infer<typeof sentence>;

/** One response or SSE event; `text`/`sentence` may sit at the top level (workspace host) or in `output`. */
export const flashEventSchema = z.looseObject({
  output: z.looseObject({ text: z.string().optional(), sentence: sentence.optional(), sentences: z.array(sentence).optional() }).optional(),
  text: z.string().optional(),
  sentence: sentence.optional(),
  sentences: z.array(sentence).optional(),
  usage: z.looseObject({ duration: z.number().optional() }).optional(),
  request_id: z.string().optional(),
});
export type FlashEvent = z.infer<typeof flashEventSchema>;

/** Top level first, then `output.*` (§8.2 "domain-dependent layering"). */
export function eventSentences(e: FlashEvent): FlashSentence[] {
  const all = e.sentences ?? e.output?.sentences;
  if (all?.length) return all;
  const one = e.sentence ?? e.output?.sentence;
  return one ? [one] : [];
}

/**
 * Adds a finished sentence to what we have, handling the two known stream quirks (§8.2):
 * a re-finalised sentence (same begin, same channel, text that extends the old one) replaces it
 * even when its id drifted; a stale echo starting at the previous end with repeated text only
 * extends the previous end time.
 */
export function mergeSentence(done: FlashSentence[], s: FlashSentence): FlashSentence[] {
  if (s.sentence_end === false) return done;
  const text = s.text.trim();
  const sameChannel = (a: FlashSentence) => (a.channel_id ?? 0) === (s.channel_id ?? 0);
  const k = done.findIndex((d) => d.begin_time === s.begin_time && sameChannel(d) && (text.startsWith(d.text.trim()) || d.text.trim().startsWith(text)));
  if (k >= 0) {
    const old = done[k] as FlashSentence;
    // Keep the longer text; a shorter re-send is the stale one.
    return text.length >= old.text.trim().length ? [...done.slice(0, k), s, ...done.slice(k + 1)] : done;
  }
  const prev = done[done.length - 1];
  if (prev && sameChannel(prev) && s.begin_time === prev.end_time && text && prev.text.includes(text)) {
    return [...done.slice(0, -1), { ...prev, end_time: Math.max(prev.end_time ?? 0, s.end_time ?? 0) }];
  }
  return [...done, s].sort((a, b) => a.begin_time - b.begin_time);
}

export interface FlashContext {
  /** Glossary terms, free paragraphs or earlier transcripts, sent as user `input_text`. */
  texts: string[];
  /** Optional earlier assistant replies, sent as assistant `text`. */
  replies?: string[];
}

/**
 * `input.messages` in the documented order: per round the user `input_text` before the assistant
 * `text`; at most 5 of each; at most 400 characters per round (the service would silently cut
 * from the end, so we trim here and keep whole terms); the audio message last.
 */
export function buildFlashMessages(audioDataUri: string, ctx: FlashContext = { texts: [] }): { role: 'user' | 'assistant'; content: Record<string, unknown>[] }[] {
  const texts = ctx.texts.map((t) => t.trim()).filter(Boolean).slice(-CONTEXT_MAX_PER_TYPE);
  const replies = (ctx.replies ?? []).map((t) => t.trim()).filter(Boolean).slice(-CONTEXT_MAX_PER_TYPE);
  const messages: { role: 'user' | 'assistant'; content: Record<string, unknown>[] }[] = [];
  const rounds = Math.max(texts.length, replies.length);
  for (let i = 0; i < rounds; i++) {
    let user = texts[i] ?? '';
    let reply = replies[i] ?? '';
    if (user.length + reply.length > CONTEXT_MAX_CHARS) {
      user = clip(user, CONTEXT_MAX_CHARS);
      reply = clip(reply, Math.max(0, CONTEXT_MAX_CHARS - user.length));
    }
    if (user) messages.push({ role: 'user', content: [{ type: 'input_text', text: user }] });
    if (reply) messages.push({ role: 'assistant', content: [{ type: 'text', text: reply }] });
  }
  messages.push({ role: 'user', content: [{ type: 'input_audio', input_audio: { data: audioDataUri } }] });
  return messages;
}

/** Cuts at a separator so no term is sent half. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const at = Math.max(cut.lastIndexOf(' '), cut.lastIndexOf(','), cut.lastIndexOf('，'), cut.lastIndexOf('、'), cut.lastIndexOf('\n'));
  return (at > max / 2 ? cut.slice(0, at) : cut).replace(/[\s,，、]+$/u, '');
}

/** A glossary line from terms, deduplicated, in the order given. */
export const glossary = (terms: readonly string[]): string => [...new Set(terms.map((t) => t.trim()).filter(Boolean))].join(', ');

/** Flash sentences as the async result shape, so one caption builder serves both paths. */
export function flashToResult(sentences: FlashSentence[], durationMs: number): { transcripts: { channel_id: number; text: string; sentences: unknown[] }[]; properties: { original_duration_in_milliseconds: number } } {
  return {
    properties: { original_duration_in_milliseconds: durationMs },
    transcripts: [
      {
        channel_id: 0,
        text: sentences.map((s) => s.text).join(''),
        sentences: sentences.map((s, i) => ({ begin_time: s.begin_time, end_time: s.end_time ?? s.begin_time, text: s.text, sentence_id: i + 1, words: s.words, ...(s.speaker_id !== undefined ? { speaker_id: s.speaker_id } : {}) })),
      },
    ],
  };
}

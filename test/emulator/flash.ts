import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { decodeChannel, fitSegments, placeholder, probeAudio, serviceWords, speechSegments, timeWords, type ScriptSentence } from './asr';

export const FLASH_MODELS = new Set(['fun-asr-flash-2026-06-15']);

export interface FlashDeps {
  workDir: string;
  pickScript: (url: string, durationMs: number) => ScriptSentence[] | undefined;
  /** Also put text/sentence at the top level, as the workspace host does (§8.2). */
  topLevel: boolean;
  /** What the tests inspect: the context messages that reached us. */
  record: (r: { model: string; parameters: unknown; context: { role: string; type: string; text: string }[]; audioBytes: number; streamed: boolean }) => void;
}

type Reply = { status: number; body: Record<string, unknown> };
const bad = (status: number, code: string, message: string): Reply => ({ status, body: { request_id: randomUUID(), code, message } });

/**
 * POST /services/aigc/multimodal-generation/generation for fun-asr-flash (§8): validates the
 * messages and limits, decodes the data URI, and answers with sentences, streamed over SSE
 * (with the documented duplicate and drifting-id events) when asked.
 */
export async function handleFlash(body: Record<string, unknown>, sse: boolean, res: ServerResponse, d: FlashDeps): Promise<Reply | null> {
  const model = String(body.model ?? '');
  if (!FLASH_MODELS.has(model)) return bad(404, 'ModelNotFound', `Model not exist: ${model}`);
  const params = (body.parameters ?? {}) as Record<string, unknown>;
  if (typeof params.format !== 'string' || !params.format) return bad(400, 'InvalidParameter', 'Missing required parameter: parameters.format.');
  if (params.sample_rate !== undefined && typeof params.sample_rate !== 'string') return bad(400, 'InvalidParameter', 'parameters.sample_rate must be a string.');
  const messages = (body.input as { messages?: unknown } | undefined)?.messages;
  if (!Array.isArray(messages) || !messages.length) return bad(400, 'InvalidParameter', 'input.messages is required.');
  const context: { role: string; type: string; text: string }[] = [];
  let audio: string | undefined;
  for (const [i, m] of (messages as { role?: string; content?: { type?: string; text?: string; input_audio?: { data?: string } }[] }[]).entries()) {
    for (const c of m.content ?? []) {
      if (c.type === 'input_audio') {
        if (i !== messages.length - 1 || m.role !== 'user') return bad(400, 'InvalidParameter', 'The input_audio message must be the last, user message.');
        audio = c.input_audio?.data;
      } else if ((c.type === 'input_text' && m.role === 'user') || (c.type === 'text' && m.role === 'assistant')) context.push({ role: m.role, type: c.type, text: c.text ?? '' });
      else return bad(400, 'InvalidParameter', `Unsupported content ${c.type} for role ${m.role}.`);
    }
  }
  if (!audio) return bad(400, 'InvalidParameter', 'No input_audio found.');
  const m = /^data:([\w/.+-]+);base64,(.*)$/s.exec(audio);
  if (!m) return bad(400, 'InvalidParameter', 'input_audio.data must be a public URL or a data URI.');
  if (audio.length > 10 * 1024 * 1024) return bad(400, 'BadRequest.TooLarge', `Exceeded limit on max bytes per data-uri item : ${10 * 1024 * 1024}`);
  const bytes = Buffer.from(m[2] ?? '', 'base64');
  d.record({ model, parameters: params, context, audioBytes: bytes.length, streamed: sse });
  const file = join(d.workDir, `flash-${randomUUID()}`);
  await writeFile(file, bytes);
  try {
    const facts = await probeAudio(file);
    const pcm = facts ? await decodeChannel(file, 0) : null;
    if (!facts || !pcm) return bad(400, 'InvalidFile.DecodeFailed', 'The audio file cannot be decoded.');
    if (facts.durationMs > 300_000) return bad(400, 'AUDIO_DURATION_TOO_LONG', `audio duration (${facts.durationMs}.0ms) over service process (300s)`);
    const segs = speechSegments(pcm);
    if (!segs.length) return bad(400, 'ASR_RESPONSE_HAVE_NO_WORDS', 'The audio has no recognizable words.');
    const script = d.pickScript('flash:', facts.durationMs) ?? segs.map((_, k) => ({ text: placeholder(k) }));
    const fitted = fitSegments(segs, script.length);
    const sentences = fitted.map((seg, k) => {
      const words = timeWords(serviceWords((script[k] as ScriptSentence).text), seg).map((w) => ({ ...w, fixed: true }));
      return { sentence_id: k + 1, sentence_end: true, begin_time: seg.start, end_time: seg.end, channel_id: 0, text: words.map((w) => w.text + w.punctuation).join('').trim(), words };
    });
    const allText = sentences.map((s) => s.text).join('');
    const seconds = Math.ceil(facts.durationMs / 1000);
    const event = (sentence: Record<string, unknown>, text: string, usage = false): Record<string, unknown> => {
      const output = { sentence, text };
      const e: Record<string, unknown> = { output, request_id: randomUUID() };
      if (d.topLevel) Object.assign(e, { sentence, text });
      if (usage) e.usage = { duration: seconds };
      return e;
    };
    if (!sse) {
      // Non-stream: only the last sentence comes back; the full text is in output.text (§8.2 [E]).
      return { status: 200, body: event(sentences[sentences.length - 1] as Record<string, unknown>, allText, true) };
    }
    res.writeHead(200, { 'Content-Type': 'text/event-stream;charset=UTF-8', 'Cache-Control': 'no-cache' });
    let id = 1;
    const send = (e: Record<string, unknown>): void => {
      res.write(`id:${id++}\nevent:result\n:HTTP_STATUS/200\ndata:${JSON.stringify(e)}\n\n`);
    };
    if (facts.durationMs < 60_000) {
      // Under a minute: a single result (§8.2), here the whole clip as one sentence.
      const words = sentences.flatMap((s) => s.words);
      send(event({ sentence_id: 1, sentence_end: true, begin_time: sentences[0]?.begin_time ?? 0, end_time: sentences.at(-1)?.end_time ?? 0, channel_id: 0, text: allText, words }, allText, true));
    } else {
      let text = '';
      for (const [k, s] of sentences.entries()) {
        send(event({ ...s, sentence_end: false, end_time: undefined, text: s.text.slice(0, Math.ceil(s.text.length / 2)) }, text));
        text += s.text;
        send(event(s, text, true));
        if (k === 0) {
          // The known quirks: the same sentence re-finalised under a drifted id, and a stale echo.
          send(event({ ...s, sentence_id: s.sentence_id + 7 }, text, true));
          send(event({ ...s, sentence_id: s.sentence_id + 8, begin_time: s.end_time, end_time: s.end_time + 300, text: s.text.slice(-6), words: [] }, text, true));
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    }
    res.end();
    return null;
  } finally {
    await rm(file, { force: true });
  }
}

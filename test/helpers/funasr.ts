import type { TranscriptionResult } from '../../src-main/shared/funasr/result';

export interface FakeSentence {
  text: string;
  speaker?: number;
  /** Silence before the sentence, ms. */
  pauseBefore?: number;
}

/**
 * Builds a Fun-ASR result JSON in the documented shape (funasr-api.md §4) with evenly timed words:
 * English words carry a trailing space as the service sends them; Chinese gives one entry per
 * character. Used to drive segmentation with known timings.
 */
export function fakeResult(sentences: FakeSentence[], opts: { msPerWord?: number; msPerChar?: number; diarize?: boolean } = {}): TranscriptionResult {
  let t = 200;
  const out = sentences.map((s, k) => {
    t += s.pauseBefore ?? 300;
    const begin = t;
    const words: { begin_time: number; end_time: number; text: string; punctuation: string }[] = [];
    const cjk = /[\u4e00-\u9fff]/.test(s.text);
    const units = cjk ? [...s.text] : s.text.split(/\s+/);
    for (const u of units) {
      const m = /^(.*?)([.,!?;:，。！？；：、]*)$/u.exec(u);
      const body = m?.[1] ?? u;
      const punct = m?.[2] ?? '';
      if (!body) {
        const last = words.at(-1);
        if (last) last.punctuation += punct;
        continue;
      }
      const len = cjk ? (opts.msPerChar ?? 220) : (opts.msPerWord ?? 300);
      words.push({ begin_time: t, end_time: t + len - 20, text: cjk ? body : `${body} `, punctuation: punct });
      t += len;
    }
    const sentence: Record<string, unknown> = { begin_time: begin, end_time: t, text: s.text, sentence_id: k + 1, words };
    if (opts.diarize) sentence.speaker_id = s.speaker ?? 0;
    return sentence;
  });
  return {
    file_url: 'https://example.com/a.wav',
    properties: { audio_format: 'pcm_s16le', channels: [0], original_sampling_rate: 16000, original_duration_in_milliseconds: t + 500 },
    transcripts: [{ channel_id: 0, content_duration_in_milliseconds: t, text: sentences.map((s) => s.text).join(''), sentences: out }],
  } as TranscriptionResult;
}

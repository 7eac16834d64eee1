import { z } from 'zod';

/**
 * The result JSON at `transcription_url` (funasr-api.md §4). Unknown keys pass through so a
 * newer service revision does not break parsing; the raw JSON is stored untouched anyway.
 */
export const resultWordSchema = z.looseObject({
  begin_time: z.number(),
  end_time: z.number(),
  text: z.string(),
  punctuation: z.string().optional().default(''),
});

export const resultSentenceSchema = z.looseObject({
  begin_time: z.number(),
  end_time: z.number(),
  text: z.string(),
  sentence_id: z.number().optional(),
  speaker_id: z.number().int().nonnegative().optional(),
  words: z.array(resultWordSchema).optional().default([]),
});

export const resultTranscriptSchema = z.looseObject({
  channel_id: z.number().int().nonnegative().optional().default(0),
  content_duration_in_milliseconds: z.number().optional(),
  text: z.string().optional().default(''),
  sentences: z.array(resultSentenceSchema).optional().default([]),
});

export const transcriptionResultSchema = z.looseObject({
  file_url: z.string().optional(),
  properties: z
    .looseObject({
      audio_format: z.string().optional(),
      channels: z.array(z.number()).optional(),
      original_sampling_rate: z.number().optional(),
      original_duration_in_milliseconds: z.number().optional(),
    })
    .optional(),
  transcripts: z.array(resultTranscriptSchema).default([]),
});

export type TranscriptionResult = z.infer<typeof transcriptionResultSchema>;
export type ResultSentence = z.infer<typeof resultSentenceSchema>;

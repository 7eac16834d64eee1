import { describe, expect, it } from 'vitest';
import { deriveJobOptions } from '../../../src-main/core/job-options';
import { resolveSettings } from '../../../src-main/shared/settings';

const settings = (saved: Record<string, unknown>, env: Record<string, string> = {}) => resolveSettings(saved, env).values;

describe('job options from settings', () => {
  it('honours saved diarization, speakers and filters, with per-job choices winning', () => {
    const r = deriveJobOptions(settings({ diarize: true, speakerCount: 3, maskWords: ['x'] }), { speakerCount: 2 });
    expect(r.ok && r.options).toMatchObject({ diarize: true, speakerCount: 2, specialWordFilter: { maskWords: ['x'], removeWords: [], systemReserved: true } });
  });

  it('runs without a hotword list made for another model, and says so', () => {
    const s = settings({ hotwordListId: 'vocab-captioner-abc', hotwordModel: 'fun-asr' });
    const same = deriveJobOptions(s, {});
    expect(same.ok && same.options.vocabularyId).toBe('vocab-captioner-abc');
    const other = deriveJobOptions(s, { model: 'fun-asr-mtl' });
    expect(other.ok && other.options.vocabularyId).toBeUndefined();
    expect(other.ok && other.notes[0]?.code).toBe('HOTWORD_LIST_OTHER_MODEL');
  });

  it('treats auto as no language hint and refuses unknown values with a code', () => {
    const r = deriveJobOptions(settings({}), { language: 'auto' });
    expect(r.ok && r.options.language).toBeUndefined();
    const bad = deriveJobOptions(settings({}), { language: 'xx' });
    expect(bad.ok).toBe(false);
  });

  it('says where each setting comes from, and ignores saved values that no longer validate', () => {
    const r = resolveSettings({ model: 'nope', region: 'singapore' }, { DASHSCOPE_API_KEY: 'sk-abc' });
    expect(r.sources.apiKey).toBe('env');
    expect(r.sources.region).toBe('saved');
    expect(r.sources.model).toBe('default');
    expect(r.values.model).toBe('fun-asr');
  });
});

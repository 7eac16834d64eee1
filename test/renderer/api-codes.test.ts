import { describe, expect, it } from 'vitest';
import { API_ERROR_CODES, API_ERROR_KEYS, API_ERROR_REASONS, API_JOB_CODES } from '../../src-main/shared/api-codes';
import { describeHotwordProblem, hotwordProblems } from '../../src-main/shared/hotwords';
import { ApiError, apiError } from '../../src-renderer/app/api-error';
import { codeText } from '../../src-renderer/app/codes';
import { failureOf } from '../../src-renderer/app/errors';
import { en } from '../../src-renderer/locales/en';
import { zhCN } from '../../src-renderer/locales/zh-CN';
import { HAN, appLocales, expectBothLanguages } from '../helpers/locales';

const t = appLocales();
/** What useErrorText does with a failure: the calls' table, then the jobs', then main's English. */
const word = (lng: string, e: unknown): string => {
  const f = failureOf(e);
  return codeText(t(lng), ['apierr', 'joberr'], f.code, f.message, f.params);
};

describe('every code a call can fail with has words in both languages', () => {
  it('apierr: an English and a Chinese sentence per code and case, with the same params', () => {
    expectBothLanguages('apierr', API_ERROR_KEYS);
  });

  it('the codes a call shares with jobs are worded by the jobs’ table in both languages', () => {
    for (const c of API_JOB_CODES) {
      expect((en.joberr as Record<string, string>)[c], c).toBeTruthy();
      expect((zhCN.joberr as Record<string, string>)[c], c).toMatch(HAN);
      expect(word('zh-CN', new ApiError({ code: c, message: 'English.' })), c).toMatch(HAN);
    }
  });

  it('renders every sentence and case without a placeholder left, and a case with its own sentence', () => {
    const sample = {
      file: '/home/li/视频/讲座.srt', detail: 'EIO', mb: '70', limitMb: 64, limitGb: '8.0', line: 12, title: '周会', language: 'xx', preset: 'tiny', seconds: 400, limitMinutes: 5,
      field: 'options.language', method: 'jobs:add', limit: 64, url: 'https://evil.example', count: 501, text: 'Captioner', listModel: 'fun-asr', model: 'paraformer-v2', lang: 'ja',
      pid: 4242, encoder: 'libx264', httpStatus: 503, serviceCode: 'InvalidParameter', cueId: 'c1',
    };
    for (const lng of ['en', 'zh-CN']) {
      const cases: [string, string | undefined][] = [...API_ERROR_CODES.map((c): [string, undefined] => [c, undefined]), ...Object.entries(API_ERROR_REASONS).flatMap(([c, rs]) => rs.map((r): [string, string] => [c, r]))];
      for (const [code, reason] of cases) {
        const text = word(lng, new ApiError({ code, message: 'fallback', params: { ...sample, ...(reason ? { reason } : {}) } }));
        expect(text, `${lng} ${code} ${reason ?? ''}`).not.toMatch(/\{\{|\}\}|undefined|apierr\.|joberr\.|^fallback$/);
        if (reason) expect(text, `${lng} ${code} ${reason}`).not.toBe(word(lng, new ApiError({ code, message: 'fallback', params: sample })));
      }
    }
  });
});

describe('a failed call in the UI’s language', () => {
  it('names the file, not its whole path, and brackets optional details the language’s way', () => {
    const exists = new ApiError({ code: 'OUTPUT_EXISTS', message: '/v/talk.captioned.mp4 already exists; nothing was rendered.', params: { file: '/v/talk.captioned.mp4' } });
    expect(word('zh-CN', exists)).toBe('talk.captioned.mp4 已存在，因此没有渲染。请勾选“替换已有文件”，或在“设置”中修改文件名模板。');
    expect(word('en', exists)).toMatch(/^talk\.captioned\.mp4 already exists, so nothing was rendered\. Tick “Replace the existing file”/);
    expect(word('en', { code: 'NOT_TEXT', message: 'm', params: { file: 'C:\\Users\\李\\字幕\\clip.srt' } })).toMatch(/^clip\.srt is not a text file/);
    expect(word('en', { code: 'IMPORT_FAILED', message: 'm', params: { file: '/a.srt', reason: 'BAD_TIMESTAMP', line: 3 } })).toMatch(/the way the format wants \(line 3\)\./);
    expect(word('zh-CN', { code: 'IMPORT_FAILED', message: 'm', params: { file: '/a.srt', reason: 'BAD_TIMESTAMP', line: 3 } })).toMatch(/时间的写法不符合该格式（第 3 行）。/);
    expect(word('en', { code: 'IMPORT_FAILED', message: 'm', params: { file: '/a.srt', reason: 'BAD_TIMESTAMP' } })).toMatch(/the way the format wants\. Check/);
    expect(word('zh-CN', { code: 'FILE_UNREADABLE', message: 'm', params: { file: '/a.srt' } })).toBe('无法读取 a.srt。请检查磁盘或存储设备后重试。');
  });

  it('picks the case named by params.reason, a job’s sentence for a code shared with jobs, else main’s English', () => {
    expect(word('zh-CN', { code: 'NOT_A_FILE', message: 'm', params: { file: '/m/talks', reason: 'FOLDER' } })).toMatch(/^talks 是一个文件夹。/);
    expect(word('zh-CN', { code: 'NOT_A_FILE', message: 'm', params: { file: '/dev/tty', reason: 'SOMETHING_NEW' } })).toMatch(/^tty 不是普通文件/);
    expect(word('en', new ApiError({ code: 'SERVICE_AUTH', message: 'The API key was rejected.' }))).toBe(en.joberr.SERVICE_AUTH);
    expect(word('zh-CN', new ApiError({ code: 'A_CODE_FROM_A_NEWER_VERSION', message: 'The English message main sent.' }))).toBe('The English message main sent.');
    expect(word('zh-CN', new Error('socket hang up'))).toBe('发生了意外错误（socket hang up）。请重试；若再次出现，请附上日志报告此问题。');
    expect(word('zh-CN', { code: 'INVALID_INPUT', message: 'settings:set: theme Invalid option', params: { method: 'settings:set', field: 'theme' } })).toBe('Captioner 未接受此请求：有一个值无效（theme）。请检查输入的内容后重试；如果你没有输入任何内容，请重新加载窗口。');
  });

  it('says what is wrong with a hotword entry in the words the refusal uses', () => {
    const problems = hotwordProblems([{ text: 'Dup', weight: 4 }, { text: 'dup', weight: 9 }]);
    expect(problems.map((p) => p.code)).toEqual(['WEIGHT', 'DUPLICATE']);
    const zh = problems.map((p) => codeText(t('zh-CN'), 'apierr', 'HOTWORDS_INVALID', describeHotwordProblem(p), { ...p, reason: p.code }));
    expect(zh).toEqual(['“dup”：权重须为 1 到 5 的整数（推荐 4）。', '“dup”出现了两次。请只保留一个。']);
  });

  it('takes from main only an error of the documented shape', () => {
    expect(failureOf(apiError({ code: 'OUTPUT_BUSY', message: 'm', params: { file: '/x.mp4' } }))).toEqual({ code: 'OUTPUT_BUSY', message: 'm', params: { file: '/x.mp4' } });
    expect(failureOf(apiError({ code: 'OUTPUT_BUSY', message: 'm', params: { file: { path: '/x.mp4' } } }))).toMatchObject({ code: 'INTERNAL' });
    expect(failureOf(apiError('OUTPUT_BUSY'))).toMatchObject({ code: 'INTERNAL' });
    expect(failureOf('a string')).toEqual({ code: 'INTERNAL', message: 'a string' });
  });
});

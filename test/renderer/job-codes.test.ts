import { describe, expect, it } from 'vitest';
import { JOB_ERROR_CODES, JOB_ERROR_KEYS, JOB_ERROR_REASONS, JOB_WARNING_CODES, JOB_WARNING_KEYS, JOB_WARNING_REASONS, URL_FAILURE_CODES } from '../../src-main/shared/job-codes';
import { codeText } from '../../src-renderer/app/codes';
import { en } from '../../src-renderer/locales/en';
import { zhCN } from '../../src-renderer/locales/zh-CN';
import { HAN, appLocales, expectBothLanguages } from '../helpers/locales';

const t = appLocales();
const tables = { joberr: JOB_ERROR_KEYS, jobwarn: JOB_WARNING_KEYS } as const;

describe('every code a job can carry has words in both languages', () => {
  for (const [table, keys] of Object.entries(tables) as [keyof typeof tables, readonly string[]][]) {
    it(`${table}: an English and a Chinese sentence per code and case, with the same params`, () => {
      // Chinese, not English left in place (TEXT is an old note shown as it is).
      expectBothLanguages(table, keys, ['TEXT']);
    });
  }

  it('the link failures named inside warnings have a short label in both languages', () => {
    for (const c of URL_FAILURE_CODES) {
      expect(en.url.error[c]).toBeTruthy();
      expect(zhCN.url.error[c]).toMatch(HAN);
    }
  });
});

describe('codeText words a code with its params', () => {

  it('picks the case named by params.reason, else the code’s sentence, else the English message', () => {
    const params = { reason: 'DOWNLOAD_UNREACHABLE', baseUrl: 'http://127.0.0.1:9', taskId: 'task-1', serviceCode: 'InvalidFile.DownloadFailed' };
    expect(codeText(t('zh-CN'), 'joberr', 'SERVICE_INVALID_FILE', 'English.', params)).toBe(
      '服务始终没能访问本机获取音频（http://127.0.0.1:9；未计费）。请设置能转发到本机的公网访问地址（隧道、反向代理或端口转发），或改用“临时上传”，然后重试。',
    );
    expect(codeText(t('zh-CN'), 'joberr', 'SERVICE_INVALID_FILE', 'English.', { serviceCode: 'InvalidFile.DecodeFailed', reason: 'SOMETHING_NEW' })).toBe('服务无法使用此音频（InvalidFile.DecodeFailed）。请确认文件能正常播放，或重新导出后重试。');
    expect(codeText(t('en'), 'joberr', 'SERVICE_INVALID_FILE', 'English.', { serviceCode: 'InvalidFile.DecodeFailed' })).toBe('The service could not use this audio (InvalidFile.DecodeFailed). Check that the file plays, or export it again, then retry.');
    expect(codeText(t('zh-CN'), 'joberr', 'A_CODE_FROM_A_NEWER_VERSION', 'The English message main sent.')).toBe('The English message main sent.');
  });

  it('leaves out a detail main did not send, and brackets one it did in the language’s own way', () => {
    expect(codeText(t('en'), 'joberr', 'URL_NOT_FOUND', '', {})).toMatch(/^Link not found: the address/);
    expect(codeText(t('en'), 'joberr', 'URL_NOT_FOUND', '', { detail: 'HTTP 404 Not Found' })).toMatch(/^Link not found \(HTTP 404 Not Found\): /);
    expect(codeText(t('zh-CN'), 'joberr', 'URL_NOT_FOUND', '', { detail: 'HTTP 404 Not Found' })).toMatch(/^链接不存在（HTTP 404 Not Found）：/);
  });

  it('names the failed link check inside a warning, and shows an old library’s English note as it is', () => {
    expect(codeText(t('zh-CN'), 'jobwarn', 'SUBMITTED_UNCHECKED', '', { check: 'URL_FORBIDDEN', url: 'https://h/x.mp4', detail: 'HTTP 403 Forbidden' })).toBe('已按你的要求未经检查直接提交：链接不是公开的（HTTP 403 Forbidden）。没有费用预估，也未检查 12 小时上限。');
    expect(codeText(t('zh-CN'), 'jobwarn', 'TEXT', 'The service found no speech in this file.', { text: 'The service found no speech in this file.' })).toBe('The service found no speech in this file.');
  });

  it('renders every sentence without a placeholder left, in both languages', () => {
    const sample = { detail: 'd', file: '/m/a.mp4', hours: '13.0', limitHours: 12, count: 2, index: 3, language: 'jpn', streams: 'eng, chi', tool: 'ffmpeg', path: '/x', source: 'settings', gb: '2.10', limitGb: 2, mb: '12.0', limitMb: 10, model: 'fun-asr', httpStatus: 403, serviceCode: 'X', cause: 'ENOTFOUND', baseUrl: 'http://h:1', times: 20, taskId: 't', text: 'note', check: 'URL_TLS', minutes: '6.0', limitMinutes: 5, container: 'mpegts', seconds: '1.50', channels: 6, stream: 1 };
    const cases = (codes: readonly string[], reasons: Record<string, readonly string[]>): [string, string | undefined][] => [
      ...codes.map((c): [string, undefined] => [c, undefined]),
      ...Object.entries(reasons).flatMap(([c, rs]) => rs.map((r): [string, string] => [c, r])),
    ];
    for (const lng of ['en', 'zh-CN']) {
      for (const [table, list] of [['joberr', cases(JOB_ERROR_CODES, JOB_ERROR_REASONS)], ['jobwarn', cases(JOB_WARNING_CODES, JOB_WARNING_REASONS)]] as const) {
        for (const [code, reason] of list) {
          const text = codeText(t(lng), table, code, 'fallback', { ...sample, ...(reason ? { reason } : {}) });
          expect(text, `${lng} ${code} ${reason ?? ''}`).not.toMatch(/\{\{|\}\}|undefined|joberr\.|jobwarn\.|url\.error|^fallback$/);
          // A case has its own sentence, not the code's.
          if (reason) expect(text, `${lng} ${code} ${reason}`).not.toBe(codeText(t(lng), table, code, 'fallback', sample));
        }
      }
    }
  });
});

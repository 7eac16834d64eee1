import { describe, expect, it } from 'vitest';
import { renderExportName, templateProblem } from '../../../src-main/shared/formats/naming';

const fields = { name: 'talk', title: 'My talk', lang: 'zh', format: 'srt', date: '2026-11-24' };

describe('export file name templates', () => {
  it('fills fields and drops the separator of an empty one', () => {
    expect(renderExportName('{name}.{lang}.{format}', fields)).toBe('talk.zh.srt');
    expect(renderExportName('{name}.{lang}.{format}', { ...fields, lang: '' })).toBe('talk.srt');
    expect(renderExportName('{date} {title}.{format}', fields)).toBe('2026-11-24 My talk.srt');
  });
  it('never lets a field add a folder or an illegal character', () => {
    expect(renderExportName('{title}.{format}', { ...fields, title: '../x/y:z' })).toBe('_x_y_z.srt'); // no leading dots: not a hidden file
  });
  it('explains unusable templates with codes', () => {
    expect(['', '{name}.{fmt}', '{name}.txt', 'out/{name}.{format}', '{name}.{format}'].map(templateProblem)).toEqual(['EMPTY', 'UNKNOWN_FIELD', 'NO_FORMAT', 'PATH', null]);
  });
});

import { describe, expect, it } from 'vitest';
import { ApiError } from './api/client';
import { apiErrorText, serverDetailText } from './forms';
import { translate } from './i18n/catalog';

const zh = (key: string, vars?: Record<string, string | number>) => translate('zh-CN', key, vars);

describe('apiErrorText', () => {
  it('explains an approval refused above the limit, naming the limit, in Chinese', () => {
    const err = new ApiError(403, 'approvals.over_limit', 'over', [{ path: 'limitFen', message: '20,000.00' }]);
    expect(apiErrorText(err, zh)).toBe('金额超出您的审批权限（上限 20,000.00 元），已提交上一级审批人');
    expect(apiErrorText(new ApiError(403, 'approvals.own_proposal', 'own'), zh)).toContain('本人');
  });

  it('keeps the generic refusal for other 403s', () => {
    expect(apiErrorText(new ApiError(403, 'auth.forbidden', 'no'), zh)).toBe(zh('common.error.forbidden'));
  });
});

describe('server validation details', () => {
  it('turns the written-confirmation error of the order into Chinese, naming the field', () => {
    const err = new ApiError(400, 'validation.invalid', 'confirmation.document: required for a document', [
      { path: 'confirmation.document', message: 'required for a document', code: 'required' },
    ]);
    const text = apiErrorText(err, zh);
    expect(text).toBe('书面确认文件：必填');
    expect(text).not.toMatch(/[a-z]{3,}/);
  });

  it('localises limits from the code and params, by the kind of value', () => {
    expect(
      serverDetailText(zh, {
        path: 'name',
        message: 'Too big',
        code: 'too_big',
        params: { maximum: 200, origin: 'string' },
      }),
    ).toBe('不能超过 200 个字符');
    expect(
      serverDetailText(zh, {
        path: 'qty',
        message: 'Too small',
        code: 'too_small',
        params: { minimum: 1, origin: 'number' },
      }),
    ).toBe('不能小于 1');
    expect(serverDetailText(zh, { path: 'x', message: 'required' })).toBe('必填');
    expect(serverDetailText(zh, { path: 'x', message: 'something odd', code: 'custom' })).toBe('填写有误');
  });

  it('keeps the field-specific message of known formats', () => {
    expect(serverDetailText(zh, { path: 'contacts.0.mobile', message: 'bad', code: 'invalid_format' })).toBe(
      zh('validation.mobile'),
    );
  });
});

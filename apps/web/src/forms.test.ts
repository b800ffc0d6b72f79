import { describe, expect, it } from 'vitest';
import { ApiError } from './api/client';
import { apiErrorText } from './forms';
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

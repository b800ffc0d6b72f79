import { auditActions, auditEntities, auditJobActors, auditUserIdFields } from '@crm/contracts';
import { describe, expect, it } from 'vitest';
import { catalogs, type Locale, translate } from '../i18n/catalog';
import {
  auditActionLabel,
  auditActorLabel,
  auditCustomerText,
  auditEntityLabel,
  auditFieldLabel,
  auditValueText,
  looksLikeCode,
} from './labels';

const tOf = (locale: Locale) => (key: string, vars?: Record<string, string | number>) => translate(locale, key, vars);
const zh = tOf('zh-CN');
const en = tOf('en');
const names = {
  people: { '7': '王晓明', '19': '李承诺' },
  customers: { '3': { name: '南京钟山湖景大酒店', customerNo: 'C3' } },
};

describe('audit labels', () => {
  for (const locale of ['zh-CN', 'en'] as const) {
    it(`labels every catalogued action, entity and job in ${locale}`, () => {
      const missing = [
        ...auditActions.map((a) => `audit.action.${a}`),
        ...auditEntities.map((e) => `audit.entity.${e}`),
        ...auditJobActors.map((j) => `audit.actor.${j}`),
      ].filter((k) => !(k in catalogs[locale]));
      expect(missing).toEqual([]);
    });
  }

  it('labels every user-id field as a person, not an id column', () => {
    expect(auditUserIdFields.filter((f) => looksLikeCode(auditFieldLabel(zh, f)))).toEqual([]);
    expect(auditFieldLabel(zh, 'promiserId', 'commitment')).toBe('承诺人');
  });

  it('shows the change history of the issue in words: fields, names, money and dates', () => {
    expect(auditActionLabel(zh, 'rebind')).toBe('重新绑定');
    expect(auditEntityLabel(zh, 'customer_entitlements')).toBe('客户权益');
    expect(auditFieldLabel(zh, 'dueAt', 'work_order')).not.toBe('dueAt');
    expect(auditFieldLabel(zh, 'limitFen', 'commitment_limit')).toBe('额度');
    expect(auditValueText(zh, 'promiserId', 19, 'commitment', names)).toBe('李承诺');
    expect(auditValueText(zh, 'promiserId', 99, 'commitment', names)).toBe('#99');
    expect(auditValueText(zh, 'limitFen', 1234567, 'commitment_limit')).toBe('¥12,345.67');
    expect(auditValueText(zh, 'type', 'fault_report', 'ticket')).toBe('故障申告');
    expect(auditValueText(zh, 'status', 'acknowledged', 'warning')).toBe('已确认');
    expect(auditValueText(zh, 'dueAt', '2026-12-07T02:00:00.000Z', 'work_order')).toMatch(/^2026-12-07 10:00/);
    expect(auditValueText(zh, 'notifiedUserIds', [7, 19], 'ticket', names)).toBe('王晓明、李承诺');
    expect(auditValueText(zh, 'active', true)).toBe('是');
    // the admin audit log's hotline call: "answer", "hotline_call", "intent consultation" of the issue
    expect(auditActionLabel(zh, 'answer')).toBe('接听');
    expect(auditEntityLabel(zh, 'hotline_call')).toBe('热线来电');
    expect(
      `${auditFieldLabel(zh, 'intent', 'hotline_call')} ${auditValueText(zh, 'intent', 'consultation', 'hotline_call')}`,
    ).toBe('来电意图 咨询');
  });

  it('names job actors and users, never their logins', () => {
    expect(auditActorLabel(zh, { actorUserId: null, actorName: 'grading', actorDisplayName: null })).toBe('定级任务');
    expect(auditActorLabel(en, { actorUserId: null, actorName: 'grading', actorDisplayName: null })).toBe(
      'Grading job',
    );
    expect(auditActorLabel(zh, { actorUserId: 7, actorName: 'am1', actorDisplayName: null }, names)).toBe('王晓明');
  });

  it('shows customers by name', () => {
    expect(auditCustomerText(3, names)).toBe('南京钟山湖景大酒店');
    expect(auditCustomerText(null, names)).toBeNull();
  });

  it('never shows a raw code for an unknown value or field', () => {
    expect(auditValueText(zh, 'mystery', 'some_new_code')).toBe('some new code');
    expect(auditFieldLabel(en, 'someNewField')).toBe('some new field');
    expect(auditValueText(zh, 'note', '客户要求上门')).toBe('客户要求上门');
  });

  it('shows where points came from and points balances with separators', () => {
    expect(auditValueText(zh, 'source', 'bill:42010', 'loyalty_points')).toBe('账单 #42010');
    expect(auditValueText(en, 'source', 'redemption:7', 'loyalty_points')).toBe('Redemption #7');
    expect(auditValueText(zh, 'balance', 1756392, 'loyalty_points')).toBe('1,756,392');
    expect(auditValueText(zh, 'year', 2026)).toBe('2026');
  });
});

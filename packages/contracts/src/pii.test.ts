import { describe, expect, it } from 'vitest';
import { maskBirthDate, maskPersonalData, maskPersonalText, maskPersonalValue } from './pii';

describe('maskPersonalData', () => {
  const row = {
    name: '张三',
    idNumber: '11010519491231002X',
    mobile: '13912345678',
    phone: '025-84001234',
    email: 'a@b.cn',
  };

  it('masks ID numbers, mobiles and phones for viewers without pii.read, leaving other fields', () => {
    expect(maskPersonalData(row, false)).toEqual({
      name: '张三',
      idNumber: '110105********002X',
      mobile: '139****5678',
      phone: '025****1234',
      email: 'a@b.cn',
    });
  });

  it('returns the value itself for viewers with pii.read, and leaves nulls alone', () => {
    expect(maskPersonalData(row, true)).toBe(row);
    expect(maskPersonalData({ mobile: null, idNumber: null }, false)).toEqual({ mobile: null, idNumber: null });
  });

  it('masks before/after of personal fields in audit diffs of any entity, at any depth', () => {
    const entries = [
      {
        entity: 'customer',
        changes: {
          idNumber: { before: null, after: '11010519491231002X' },
          birthDate: { before: null, after: '1949-12-31' },
          name: { before: 'a', after: 'b' },
        },
      },
      { entity: 'ticket', changes: { callerPhone: { before: null, after: '13912345678' } } },
    ];
    expect(maskPersonalData({ items: entries, total: 2 }, false)).toEqual({
      items: [
        {
          entity: 'customer',
          changes: {
            idNumber: { before: null, after: '110105********002X' },
            birthDate: { before: null, after: '****-**-**' },
            name: { before: 'a', after: 'b' },
          },
        },
        { entity: 'ticket', changes: { callerPhone: { before: null, after: '139****5678' } } },
      ],
      total: 2,
    });
  });

  it('keeps dates and numbers as they are', () => {
    const at = new Date(0);
    expect(maskPersonalData({ at, n: 1, phone: 5 }, false)).toEqual({ at, n: 1, phone: 5 });
  });
});

describe('single-field and text masking', () => {
  it('hides the whole birth date, so it cannot complete a masked resident ID', () => {
    expect(maskBirthDate('1949-12-31')).toBe('****-**-**');
    expect(maskPersonalValue('birthDate', '1949-12-31', false)).toBe('****-**-**');
    expect(maskPersonalValue('birthDate', '1949-12-31', true)).toBe('1949-12-31');
    expect(maskPersonalValue('callerPhone', '13912345678', false)).toBe('139****5678');
  });

  it('masks ID and mobile numbers inside free text', () => {
    expect(maskPersonalText('客户 11010519491231002X 来电 13912345678，工单 T202601010001', false)).toBe(
      '客户 110105********002X 来电 139****5678，工单 T202601010001',
    );
    expect(maskPersonalText('来电 13912345678', true)).toBe('来电 13912345678');
  });
});

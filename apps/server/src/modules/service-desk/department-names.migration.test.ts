// One name per department: migration 0035 gives the departments an earlier seed named 网络部 / 业务支撑 the names the
// key-account orders and the UI use (网络资源部 / 业务支撑部), leaving names an administrator edited alone; a new
// database is seeded from the same list (packages/contracts/src/departments.ts).
import { deskDepartments, kaDepartmentName } from '@crm/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DbHandle, openPglite } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { migrateUpTo } from '../../test/test-db';
import { noteDepartmentNames } from '../opportunities/opportunities.models';
import { defaultDepartments } from './desk.models';

const FIX = '0035_department-names';
let handle: DbHandle;

const departments = async () =>
  (
    (await handle.db.execute(sql`select code, name, name_en from departments order by id`)) as unknown as {
      rows: { code: string; name: string; name_en: string | null }[];
    }
  ).rows.map((r) => `${r.code}:${r.name}:${r.name_en}`);

beforeAll(async () => {
  handle = await openPglite();
  await migrateUpTo(handle, FIX);
  await handle.exec(`
    insert into departments (code, name, name_en) values
      ('network', '网络部', 'Network'),
      ('billing', '计费中心', 'Billing centre'),
      ('business_support', '业务支撑', 'Business support'),
      ('customer_service', '客服中心（10000号）', 'Customer service');
  `);
  await migrateDatabase(handle);
});
afterAll(() => handle.close());

describe('one name per back-office department', () => {
  it('renames the departments an earlier seed wrote and keeps an edited name', async () => {
    expect(await departments()).toEqual([
      'network:网络资源部:Network resources',
      'billing:计费中心:Billing centre',
      'business_support:业务支撑部:Business support',
      'customer_service:客服中心（10000号）:Customer service',
    ]);
  });

  it('seeds the service desk, names forwarded notes and labels order steps from the same list', () => {
    expect(defaultDepartments.map((d) => d.name)).toEqual(deskDepartments.map((d) => d.zh));
    expect(noteDepartmentNames.network).toBe('网络资源部');
    expect(noteDepartmentNames.business).toBe(defaultDepartments.find((d) => d.code === 'business_support')?.name);
    expect(kaDepartmentName('billing')).toMatchObject({ zh: '计费中心', en: 'Billing centre' });
  });
});

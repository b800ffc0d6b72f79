// The data fix of migration 0030: a database seeded before the defaults were named in Chinese gets the Chinese names
// on its next start, while names an administrator has edited stay as they are.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DbHandle, openPglite } from '../../../db/client';
import { migrateDatabase, migrationsFolder } from '../../../db/migrate';
import { migrateUpTo } from '../../../test/test-db';

const FIX = '0030_sla-policy-names';
let handle: DbHandle;
let before: string;

const names = async (table: 'sla_policies' | 'sla_calendars' | 'grading_rule_sets') =>
  (
    (await handle.db.execute(sql`select name from ${sql.identifier(table)} order by id`)) as unknown as {
      rows: { name: string }[];
    }
  ).rows.map((r) => r.name);

beforeAll(async () => {
  handle = await openPglite();
  await migrateUpTo(handle, FIX);
  await handle.exec(`
    insert into sla_calendars (code, name, kind) values ('24x7', '7x24', '24x7'), ('business', '工作时间 Business hours', 'business');
    insert into sla_policies (name, ticket_type, customer_category, tier, response_minutes, resolution_minutes, calendar_id, source)
    values
      ('大客户投诉 KA complaint', 'complaint', 'key_account', null, 15, 540, 1, 'default'),
      ('标准服务 Standard', null, null, null, 60, 1620, 2, 'default'),
      ('钻石客户故障修复时限 KA diamond repair limit', 'fault_report', 'key_account', 'diamond', 15, 120, 1, 'entitlement'),
      ('大客户jade故障时限 KA jade repair limit', 'fault_report', 'key_account', 'jade', 15, 240, 1, 'entitlement'),
      ('大客户咨询 VIP 专线', 'consultation', 'key_account', null, 10, 240, 1, 'default');
    insert into grading_rule_sets (version, name, status, effective_from, config)
    values (1, 'Default (DOMAIN.md section 3)', 'active', '2000-01', '{}'::jsonb);
  `);
  before = JSON.stringify(await names('sla_policies'));
  await migrateDatabase(handle);
});
afterAll(() => handle.close());

describe('renaming the seeded SLA defaults of an existing database', () => {
  it('gives the policies an earlier seed named in English or half English their Chinese names', async () => {
    expect(before).toContain('KA complaint');
    expect(await names('sla_policies')).toEqual([
      '大客户投诉',
      '标准服务',
      '钻石客户故障修复时限',
      '翡翠客户故障修复时限',
      '大客户咨询 VIP 专线',
    ]);
  });

  it('leaves a policy name the administrator edited alone', async () => {
    expect(await names('sla_policies')).toContain('大客户咨询 VIP 专线');
  });

  it('names the seeded calendars and the default grading rule set in Chinese', async () => {
    expect(await names('sla_calendars')).toEqual(['7×24 小时', '工作时间']);
    expect(await names('grading_rule_sets')).toEqual(['默认定级规则']);
  });

  it('changes nothing when the fix runs again', async () => {
    const fix = readFileSync(path.join(migrationsFolder, `${FIX}.sql`), 'utf8');
    await handle.exec(fix.replaceAll('--> statement-breakpoint', ''));
    expect(await names('sla_policies')).toEqual([
      '大客户投诉',
      '标准服务',
      '钻石客户故障修复时限',
      '翡翠客户故障修复时限',
      '大客户咨询 VIP 专线',
    ]);
  });
});

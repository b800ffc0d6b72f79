import type { Role } from '@crm/contracts';
import type { DbHandle } from '../db/client';
import { hashPassword } from '../modules/auth/auth.password';
import { insertOrgUnit, insertUser } from '../modules/org/org.repository';

export const TEST_PASSWORD = 'test-pass-1';

/**
 * A small organisation for tests: group -> province -> two cities (-> a district in city A), and users:
 * admin (group), manager1 / am1 / am2 / agent1 / backoffice1 / quality1 / marketing1 / finance1 (city A),
 * manager2 / am3 (city B).
 */
export async function seedTestOrg(handle: DbHandle) {
  const db = handle.db;
  const group = await insertOrgUnit(db, { parentId: null, level: 'group', code: 'G', name: '集团' }, '/');
  const province = await insertOrgUnit(
    db,
    { parentId: group.id, level: 'province', code: 'P1', name: '江苏省' },
    group.path,
  );
  const cityA = await insertOrgUnit(
    db,
    { parentId: province.id, level: 'city', code: 'C1', name: '南京市' },
    province.path,
  );
  const cityB = await insertOrgUnit(
    db,
    { parentId: province.id, level: 'city', code: 'C2', name: '苏州市' },
    province.path,
  );
  const districtA = await insertOrgUnit(
    db,
    { parentId: cityA.id, level: 'district', code: 'D1', name: '鼓楼区' },
    cityA.path,
  );
  const passwordHash = await hashPassword(TEST_PASSWORD);
  const mk = (username: string, role: Role, orgUnitId: number) =>
    insertUser(db, { username, displayName: username, role, orgUnitId, passwordHash, phone: '13800000000' });
  const users = {
    admin: await mk('admin', 'admin', group.id),
    manager1: await mk('manager1', 'manager', cityA.id),
    am1: await mk('am1', 'account_manager', cityA.id),
    am2: await mk('am2', 'account_manager', cityA.id),
    agent1: await mk('agent1', 'agent', cityA.id),
    backoffice1: await mk('backoffice1', 'back_office', cityA.id),
    quality1: await mk('quality1', 'quality', cityA.id),
    marketing1: await mk('marketing1', 'marketing', cityA.id),
    finance1: await mk('finance1', 'finance', cityA.id),
    manager2: await mk('manager2', 'manager', cityB.id),
    am3: await mk('am3', 'account_manager', cityB.id),
  };
  return { org: { group, province, cityA, cityB, districtA }, users };
}
export type TestOrg = Awaited<ReturnType<typeof seedTestOrg>>;

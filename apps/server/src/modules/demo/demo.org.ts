// The demo operator's organisation tree and staff: group -> provinces -> cities (-> district branches), a user for
// every role, and enough account managers that every key account has one in its city (about 30 each).
import { groupUnit, provinceDefs } from './demo.dictionaries';
import { mobileNumber } from './demo.identifiers';
import { otherMobilePrefixes } from './demo.names';
import { Rng } from './demo.random';
import { insertOrgUnit, insertUsers, type Session, type UserInsert } from './demo.repository';
import { type CityPlan, personName } from './demo.state';

/** Target number of key accounts per account manager. */
export const KEY_ACCOUNTS_PER_AM = 30;

export const amCountFor = (customers: number, cityWeight: number) =>
  Math.max(2, Math.round((customers * 0.02 * cityWeight) / KEY_ACCOUNTS_PER_AM));

export type DemoOrg = { cities: CityPlan[]; agentIds: number[]; users: Record<string, number> };

export async function createOrganisation(
  s: Session,
  opts: { customers: number; seed: number; passwordHash: string },
): Promise<DemoOrg> {
  const group = await insertOrgUnit(s, { parentId: null, parentPath: '/', level: 'group', ...groupUnit });
  const cities: CityPlan[] = [];
  const provinceUnits: number[] = [];
  for (const [provinceIndex, p] of provinceDefs.entries()) {
    const pu = await insertOrgUnit(s, {
      parentId: group.id,
      parentPath: group.path,
      level: 'province',
      code: p.code,
      name: p.name,
      nameEn: p.nameEn,
    });
    provinceUnits.push(pu.id);
    for (const c of p.cities) {
      const cu = await insertOrgUnit(s, {
        parentId: pu.id,
        parentPath: pu.path,
        level: 'city',
        code: c.code,
        name: c.name,
        nameEn: c.nameEn,
      });
      const districtUnitIds: number[] = [];
      for (const d of c.districts) {
        const du = await insertOrgUnit(s, { parentId: cu.id, parentPath: cu.path, level: 'district', ...d });
        districtUnitIds.push(du.id);
      }
      cities.push({ def: c, province: p, provinceIndex, unitId: cu.id, districtUnitIds, amIds: [] });
    }
  }

  // Display names come from their own stream, so the customers do not depend on the number of staff.
  const rng = new Rng(opts.seed ^ 0x5eed);
  let phone = 0;
  const rows: UserInsert[] = [];
  const add = (username: string, role: string, orgUnitId: number) =>
    rows.push({
      username,
      displayName: personName(rng, rng.chance(0.55)).name,
      role,
      orgUnitId,
      // Staff numbers come from the top of the other operators' range, far from customers' and contacts' numbers.
      phone: mobileNumber(90_000_000 + phone++, otherMobilePrefixes),
    });
  const [nj, ...otherCities] = cities;
  const [js, zj] = provinceUnits;
  add('admin', 'admin', group.id);
  add('gmanager1', 'manager', group.id);
  add('pmanager1', 'manager', js);
  add('pmanager2', 'manager', zj);
  add('manager1', 'manager', nj.unitId);
  for (const [i, c] of otherCities.entries()) add(`manager${i + 2}`, 'manager', c.unitId);
  add('agent1', 'agent', js);
  add('agent2', 'agent', zj);
  add('backoffice1', 'back_office', nj.unitId);
  add('backoffice2', 'back_office', cities.find((c) => c.def.code === 'HZ')?.unitId ?? zj);
  add('quality1', 'quality', js);
  add('marketing1', 'marketing', group.id);
  add('finance1', 'finance', nj.unitId);
  let am = 0;
  const amCity: [string, CityPlan][] = [];
  for (const c of cities) {
    for (let i = amCountFor(opts.customers, c.def.weight); i > 0; i--) {
      const username = `am${++am}`;
      add(username, 'account_manager', c.unitId);
      amCity.push([username, c]);
    }
  }
  const inserted = await insertUsers(s, rows, opts.passwordHash);
  const users = Object.fromEntries(inserted.map((u) => [u.username, u.id]));
  for (const [username, c] of amCity) c.amIds.push(users[username]);
  return { cities, agentIds: [users.agent1, users.agent2], users };
}

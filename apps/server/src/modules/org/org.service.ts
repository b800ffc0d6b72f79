import type { OrgUnit, orgUnitCreate, User, userCreate, userUpdate } from '@crm/contracts';
import type { z } from 'zod';
import type { Db, DbOrTx } from '../../db/client';
import type { RequestCtx } from '../../platform/context';
import { invalidField } from '../../platform/errors';
import { maskForViewer } from '../../platform/pii';
import { recordAudit } from '../audit/audit.service';
import { hashPassword } from '../auth/auth.password';
import { endUserSessions, forgetCachedTokens } from '../auth/sessions.service';
import { userNotFound, usernameTaken } from './org.errors';
import * as repo from './org.repository';

// The org tree is small and changes rarely: subtree lookups are cached per process for a short time.
const SUBTREE_TTL_MS = 30_000;
const subtreeCache = new Map<string, { ids: number[]; at: number }>();

export async function getSubtreeIds(opts: { db: DbOrTx; path: string }): Promise<number[]> {
  const hit = subtreeCache.get(opts.path);
  if (hit && Date.now() - hit.at < SUBTREE_TTL_MS) return hit.ids;
  const ids = await repo.listSubtreeIds(opts.db, opts.path);
  subtreeCache.set(opts.path, { ids, at: Date.now() });
  return ids;
}

const toOrgUnit = (r: repo.OrgUnitRow): OrgUnit => ({
  id: r.id,
  parentId: r.parentId,
  level: r.level,
  code: r.code,
  name: r.name,
  nameEn: r.nameEn,
});

/** Org units the user may see: their own subtree (administrators: all). */
export async function listVisibleOrgUnits(opts: { ctx: RequestCtx }): Promise<OrgUnit[]> {
  const rows = await repo.listOrgUnits(opts.ctx.db);
  if (opts.ctx.scope.kind === 'all') return rows.map(toOrgUnit);
  const own = rows.find((r) => r.id === opts.ctx.user.orgUnitId);
  return rows.filter((r) => own && r.path.startsWith(own.path)).map(toOrgUnit);
}

export async function createOrgUnit(opts: { ctx: RequestCtx; input: z.infer<typeof orgUnitCreate> }): Promise<OrgUnit> {
  const { ctx, input } = opts;
  return ctx.db.transaction(async (tx) => {
    const parent = await repo.findOrgUnit(tx, input.parentId);
    if (!parent) throw invalidField('parentId', 'org unit not found');
    const row = await repo.insertOrgUnit(
      tx,
      { parentId: parent.id, level: input.level, code: input.code, name: input.name, nameEn: input.nameEn ?? null },
      parent.path,
    );
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'create',
      entity: 'org_unit',
      entityId: row.id,
      before: null,
      after: row,
    });
    subtreeCache.clear();
    return toOrgUnit(row);
  });
}

const toUser = (u: repo.UserView): User => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  orgUnitId: u.orgUnitId,
  orgUnitName: u.orgUnitName,
  phone: u.phone,
  email: u.email,
  active: u.active,
});

async function ownOrgPath(ctx: RequestCtx): Promise<string | undefined> {
  if (ctx.scope.kind === 'all') return undefined;
  const own = await repo.findOrgUnit(ctx.db, ctx.user.orgUnitId);
  return own?.path ?? '/none/';
}

export async function listUsers(opts: {
  ctx: RequestCtx;
  filter: { role?: User['role']; search?: string; orgUnitId?: number; limit: number; offset: number };
}) {
  const { ctx, filter } = opts;
  let orgPath = await ownOrgPath(ctx);
  if (filter.orgUnitId) {
    const unit = await repo.findOrgUnit(ctx.db, filter.orgUnitId);
    if (!unit || (orgPath && !unit.path.startsWith(orgPath))) return { items: [], total: 0 };
    orgPath = unit.path;
  }
  const { items, total } = await repo.listUsers(ctx.db, { ...filter, orgPath });
  return maskForViewer(ctx, { items: items.map(toUser), total });
}

export async function getUser(opts: { ctx: RequestCtx; id: number }): Promise<User> {
  const u = await repo.findUserById(opts.ctx.db, opts.id);
  const orgPath = await ownOrgPath(opts.ctx);
  if (!u || (orgPath && !u.orgUnitPath.startsWith(orgPath))) throw userNotFound();
  return maskForViewer(opts.ctx, toUser(u));
}

/** Users as other modules need them (display names, account manager checks); no scope applied. */
export const findUserForReference = (opts: { db: DbOrTx; id: number }) => repo.findUserById(opts.db, opts.id);
export const findOrgUnitForReference = (opts: { db: DbOrTx; id: number }) => repo.findOrgUnit(opts.db, opts.id);

export async function createUser(opts: { ctx: RequestCtx; input: z.infer<typeof userCreate> }): Promise<User> {
  const { ctx, input } = opts;
  const passwordHash = await hashPassword(input.password);
  const id = await ctx.db.transaction(async (tx) => {
    if (await repo.findUserByUsername(tx, input.username)) throw usernameTaken();
    if (!(await repo.findOrgUnit(tx, input.orgUnitId))) throw invalidField('orgUnitId', 'org unit not found');
    const { password: _password, ...rest } = input;
    const row = await repo.insertUser(tx, {
      ...rest,
      phone: rest.phone ?? null,
      email: rest.email ?? null,
      passwordHash,
    });
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'create',
      entity: 'user',
      entityId: row.id,
      before: null,
      after: row,
    });
    return row.id;
  });
  return getUser({ ctx, id });
}

/**
 * Updates a user. A new password (changed or reset) ends the user's other sessions: all of them, except the session
 * that changed its own password (`keepSessionToken`); deactivation ends every session. Any change to the user's
 * standing (password, active, role, org unit) makes this process forget cached API-token principals at once.
 */
export async function updateUser(opts: {
  ctx: RequestCtx;
  id: number;
  input: z.infer<typeof userUpdate>;
  /** The caller's session cookie, kept when a user changes their own password. */
  keepSessionToken?: string;
}): Promise<User> {
  const { ctx, id, input } = opts;
  await getUser({ ctx, id });
  const { password, ...rest } = input;
  const passwordHash = password ? await hashPassword(password) : undefined;
  const standingChanged = await ctx.db.transaction(async (tx) => {
    const before = await repo.findUserRow(tx, id);
    if (!before) throw userNotFound();
    if (rest.orgUnitId && !(await repo.findOrgUnit(tx, rest.orgUnitId)))
      throw invalidField('orgUnitId', 'org unit not found');
    const after = await repo.updateUser(tx, id, { ...rest, ...(passwordHash ? { passwordHash } : {}) });
    await recordAudit({ tx, actor: ctx.actor, action: 'update', entity: 'user', entityId: id, before, after });
    const deactivated = before.active && !after.active;
    if (passwordHash || deactivated) {
      const keep = !deactivated && id === ctx.user.id ? opts.keepSessionToken : undefined;
      const ended = await endUserSessions({ tx, userId: id, keepSessionToken: keep });
      await recordAudit({
        tx,
        actor: ctx.actor,
        action: 'end_sessions',
        entity: 'user',
        entityId: id,
        before: null,
        after: { reason: deactivated ? 'deactivated' : 'password_changed', ended, keptCurrent: Boolean(keep) },
      });
    }
    return (
      Boolean(passwordHash) ||
      before.active !== after.active ||
      before.role !== after.role ||
      before.orgUnitId !== after.orgUnitId
    );
  });
  if (standingChanged) forgetCachedTokens();
  return getUser({ ctx, id });
}

/** Creates the root org unit and the first administrator on an empty database (production start). */
export async function bootstrapAdministrator(opts: { db: Db; password: string; orgName?: string }) {
  return opts.db.transaction(async (tx) => {
    const root = await repo.insertOrgUnit(
      tx,
      { parentId: null, level: 'group', code: 'GROUP', name: opts.orgName ?? '集团公司', nameEn: 'Group' },
      '/',
    );
    const admin = await repo.insertUser(tx, {
      username: 'admin',
      displayName: '系统管理员',
      role: 'admin',
      orgUnitId: root.id,
      passwordHash: await hashPassword(opts.password),
    });
    const actor = { userId: null, name: 'system', requestId: null };
    await recordAudit({
      tx,
      actor,
      action: 'create',
      entity: 'org_unit',
      entityId: root.id,
      before: null,
      after: root,
    });
    await recordAudit({ tx, actor, action: 'create', entity: 'user', entityId: admin.id, before: null, after: admin });
    return { root, admin };
  });
}

export const countUsers = (opts: { db: DbOrTx }) => repo.countUsers(opts.db);

/** The login lookup (with the password hash): for the auth module only. */
export const findUserByUsername = (opts: { db: DbOrTx; username: string }) =>
  repo.findUserByUsername(opts.db, opts.username);

/** People's display names by user id, for lists that store ids or logins (audit log, history). */
export async function displayNamesOf(opts: { db: DbOrTx; ids: (number | null)[] }): Promise<Map<number, string>> {
  const ids = [...new Set(opts.ids.filter((i): i is number => i != null))];
  const rows = await repo.displayNamesByIds(opts.db, ids);
  return new Map(rows.map((r) => [r.id, r.displayName]));
}

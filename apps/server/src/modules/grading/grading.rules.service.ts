import type { Db, DbOrTx } from '../../db/client';
import { type RequestCtx, systemActor } from '../../platform/context';
import { invalidField } from '../../platform/errors';
import { recordAudit } from '../audit/audit.service';
import { ruleSetNotActive, ruleSetNotDraft, ruleSetNotFound } from './grading.errors';
import {
  addMonths,
  defaultRuleSetConfig,
  type Layer,
  layers,
  periodOf,
  type RuleSetConfig,
  type RuleSetStatus,
  ruleSetConfig,
} from './grading.models';
import { previewMatrix, previewMovers as previewMoversQuery } from './grading.queries';
import * as repo from './grading.repository';

// ---------------------------------------------------------------- rule sets

export type RuleSetView = {
  id: number;
  version: number;
  name: string;
  status: RuleSetStatus;
  effectiveFrom: string;
  /** Last period an active set is in force for (null: open-ended, or not active). */
  effectiveTo: string | null;
  config: RuleSetConfig;
  notes: string | null;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
  activatedAt: string | null;
};

function toView(r: repo.RuleSetRow, all: repo.RuleSetRow[]): RuleSetView {
  const next = all
    .filter((o) => o.status === 'active' && o.effectiveFrom > r.effectiveFrom)
    .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom))[0];
  return {
    id: r.id,
    version: r.version,
    name: r.name,
    status: r.status,
    effectiveFrom: r.effectiveFrom,
    effectiveTo: r.status === 'active' && next ? addMonths(next.effectiveFrom, -1) : null,
    config: r.config,
    notes: r.notes,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    activatedAt: r.activatedAt?.toISOString() ?? null,
  };
}

/** On a database without rule sets, installs version 1 with the defaults of DOMAIN.md section 3, in force from 2000-01. */
export async function ensureDefaultRuleSet(opts: { db: Db }): Promise<void> {
  if ((await repo.countRuleSets(opts.db)) > 0) return;
  await opts.db.transaction(async (tx) => {
    await repo.lockKey(tx, 'grading:rule-sets');
    if ((await repo.countRuleSets(tx)) > 0) return;
    const row = await repo.insertRuleSet(tx, {
      version: 1,
      name: '默认定级规则',
      status: 'active',
      effectiveFrom: '2000-01',
      config: defaultRuleSetConfig,
      activatedAt: new Date(),
    });
    if (row)
      await recordAudit({
        tx,
        actor: systemActor(),
        action: 'create',
        entity: 'grading_rule_set',
        entityId: row.id,
        before: null,
        after: row,
      });
  });
}

export async function listRuleSets(opts: { ctx: RequestCtx }): Promise<RuleSetView[]> {
  await ensureDefaultRuleSet({ db: opts.ctx.db });
  const rows = await repo.listRuleSets(opts.ctx.db);
  return rows.map((r) => toView(r, rows));
}

export async function getRuleSet(opts: { ctx: RequestCtx; id: number }): Promise<RuleSetView> {
  const rows = await repo.listRuleSets(opts.ctx.db);
  const row = rows.find((r) => r.id === opts.id);
  if (!row) throw ruleSetNotFound();
  return toView(row, rows);
}

export type RuleSetInput = { name: string; effectiveFrom: string; config?: RuleSetConfig; notes?: string | null };

/** A new draft: the given config, or a copy of `copyFromId`, or of the set in force for `effectiveFrom`. */
export async function createRuleSet(opts: {
  ctx: RequestCtx;
  input: RuleSetInput & { copyFromId?: number };
}): Promise<RuleSetView> {
  const { ctx, input } = opts;
  await ensureDefaultRuleSet({ db: ctx.db });
  const id = await ctx.db.transaction(async (tx) => {
    await repo.lockKey(tx, 'grading:rule-sets');
    let config = input.config;
    if (!config && input.copyFromId) {
      const source = await repo.findRuleSet(tx, input.copyFromId);
      if (!source) throw invalidField('copyFromId', 'rule set not found');
      config = source.config;
    }
    config ??= (await repo.ruleSetInForce(tx, input.effectiveFrom))?.config ?? defaultRuleSetConfig;
    const row = await repo.insertRuleSet(tx, {
      version: await repo.nextVersion(tx),
      name: input.name,
      status: 'draft',
      effectiveFrom: input.effectiveFrom,
      config: ruleSetConfig.parse(config),
      notes: input.notes ?? null,
      createdBy: ctx.actor.userId,
    });
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'create',
      entity: 'grading_rule_set',
      entityId: row.id,
      before: null,
      after: row,
    });
    return row.id;
  });
  return getRuleSet({ ctx, id });
}

export async function updateRuleSet(opts: {
  ctx: RequestCtx;
  id: number;
  input: Partial<RuleSetInput>;
}): Promise<RuleSetView> {
  const { ctx, id, input } = opts;
  await ctx.db.transaction(async (tx) => {
    const before = await repo.findRuleSet(tx, id);
    if (!before) throw ruleSetNotFound();
    if (before.status !== 'draft') throw ruleSetNotDraft();
    const after = await repo.updateRuleSet(tx, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.effectiveFrom !== undefined ? { effectiveFrom: input.effectiveFrom } : {}),
      ...(input.config !== undefined ? { config: ruleSetConfig.parse(input.config) } : {}),
      ...(input.notes !== undefined ? { notes: input.notes } : {}),
    });
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'update',
      entity: 'grading_rule_set',
      entityId: id,
      before,
      after,
    });
  });
  return getRuleSet({ ctx, id });
}

/**
 * Puts a draft in force from its effective period on. Active sets starting at or after that period are superseded
 * (retired); earlier ones stay in force up to the period before. Grades already stored change only when their
 * periods are graded again.
 */
export async function activateRuleSet(opts: { ctx: RequestCtx; id: number }): Promise<RuleSetView> {
  const { ctx, id } = opts;
  await ctx.db.transaction(async (tx) => {
    await repo.lockKey(tx, 'grading:rule-sets');
    const before = await repo.findRuleSet(tx, id);
    if (!before) throw ruleSetNotFound();
    if (before.status !== 'draft') throw ruleSetNotDraft();
    for (const old of await repo.activeFrom(tx, before.effectiveFrom)) {
      const retired = await repo.updateRuleSet(tx, old.id, { status: 'retired' });
      await recordAudit({
        tx,
        actor: ctx.actor,
        action: 'retire',
        entity: 'grading_rule_set',
        entityId: old.id,
        before: { status: old.status },
        after: { status: retired.status, supersededBy: before.version },
      });
    }
    const after = await repo.updateRuleSet(tx, id, {
      status: 'active',
      activatedAt: new Date(),
      activatedBy: ctx.actor.userId,
    });
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'activate',
      entity: 'grading_rule_set',
      entityId: id,
      before: { status: before.status, activatedAt: null },
      after: { status: after.status, activatedAt: after.activatedAt },
    });
  });
  return getRuleSet({ ctx, id });
}

export async function retireRuleSet(opts: { ctx: RequestCtx; id: number }): Promise<RuleSetView> {
  const { ctx, id } = opts;
  await ctx.db.transaction(async (tx) => {
    const before = await repo.findRuleSet(tx, id);
    if (!before) throw ruleSetNotFound();
    if (before.status !== 'active') throw ruleSetNotActive();
    const after = await repo.updateRuleSet(tx, id, { status: 'retired' });
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'retire',
      entity: 'grading_rule_set',
      entityId: id,
      before: { status: before.status },
      after: { status: after.status },
    });
  });
  return getRuleSet({ ctx, id });
}

// ---------------------------------------------------------------- what-if preview

/** The period a preview compares by default: the latest graded one, else last month. */
async function defaultPeriod(db: DbOrTx): Promise<string> {
  return (await repo.latestGradedPeriod(db)) ?? addMonths(periodOf(new Date()).period, -1);
}

export type RuleSetPreview = {
  ruleSetId: number;
  ruleSetVersion: number;
  period: string;
  /** Whether grades are stored for the period (else every customer counts as new). */
  baselineGraded: boolean;
  customers: number;
  moved: number;
  starsChanged: number;
  abcChanged: number;
  layers: {
    layer: Layer;
    currentCustomers: number;
    proposedCustomers: number;
    currentRevenueFen: number;
    proposedRevenueFen: number;
  }[];
  matrix: { fromLayer: string | null; toLayer: string; customers: number; revenueFen: number }[];
};

export async function previewRuleSet(opts: { ctx: RequestCtx; id: number; period?: string }): Promise<RuleSetPreview> {
  const { ctx } = opts;
  const rs = await repo.findRuleSet(ctx.db, opts.id);
  if (!rs) throw ruleSetNotFound();
  const period = opts.period ?? (await defaultPeriod(ctx.db));
  const config = ruleSetConfig.parse(rs.config);
  const cells = await previewMatrix(ctx.db, {
    period,
    config,
    starStreaksFromPrevious: await repo.starStreaksUsable(ctx.db, period, config),
    ruleSetId: rs.id,
    ruleSetVersion: rs.version,
    scope: ctx.scope,
  });
  const byLayer = new Map(
    layers.map((l) => [
      l,
      { layer: l, currentCustomers: 0, proposedCustomers: 0, currentRevenueFen: 0, proposedRevenueFen: 0 },
    ]),
  );
  let moved = 0;
  let starsChanged = 0;
  let abcChanged = 0;
  for (const c of cells) {
    const to = byLayer.get(c.toLayer as Layer);
    if (to) {
      to.proposedCustomers += c.customers;
      to.proposedRevenueFen += c.spendFen;
    }
    const from = c.fromLayer ? byLayer.get(c.fromLayer as Layer) : undefined;
    if (from) {
      from.currentCustomers += c.customers;
      from.currentRevenueFen += c.spendFen;
    }
    if (c.fromLayer !== c.toLayer) moved += c.customers;
    starsChanged += c.starsChanged;
    abcChanged += c.abcChanged;
  }
  return {
    ruleSetId: rs.id,
    ruleSetVersion: rs.version,
    period,
    baselineGraded: cells.some((c) => c.fromLayer !== null),
    customers: cells.reduce((s, c) => s + c.customers, 0),
    moved,
    starsChanged,
    abcChanged,
    layers: [...byLayer.values()],
    matrix: cells
      .map((c) => ({ fromLayer: c.fromLayer, toLayer: c.toLayer, customers: c.customers, revenueFen: c.spendFen }))
      .sort((a, b) => (a.fromLayer ?? '').localeCompare(b.fromLayer ?? '') || a.toLayer.localeCompare(b.toLayer)),
  };
}

export async function previewMovers(opts: {
  ctx: RequestCtx;
  id: number;
  filter: { period?: string; from?: string; to?: string; limit: number; offset: number };
}) {
  const { ctx, filter } = opts;
  const rs = await repo.findRuleSet(ctx.db, opts.id);
  if (!rs) throw ruleSetNotFound();
  const period = filter.period ?? (await defaultPeriod(ctx.db));
  const config = ruleSetConfig.parse(rs.config);
  const rows = await previewMoversQuery(ctx.db, {
    ...filter,
    period,
    config,
    starStreaksFromPrevious: await repo.starStreaksUsable(ctx.db, period, config),
    ruleSetId: rs.id,
    ruleSetVersion: rs.version,
    scope: ctx.scope,
  });
  return { period, total: rows[0]?.total ?? 0, items: rows.map(({ total: _t, ...r }) => r) };
}

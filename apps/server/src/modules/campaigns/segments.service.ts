import type { SegmentDefinition, segmentCreate, segmentUpdate } from '@crm/contracts';
import type { z } from 'zod';
import type { DbOrTx } from '../../db/client';
import type { RequestCtx, Scope } from '../../platform/context';
import { recordAudit } from '../audit/audit.service';
import { periodOf, shiftPeriod, todayIso } from '../ka-common/ka-common.models';
import { segmentNotFound } from './campaigns.errors';
import * as repo from './campaigns.repository';
import { type CompileOptions, countSegment, profileSegment, sampleSegment } from './segments.queries';

/** Spend windows end with the last complete month (Asia/Shanghai). */
export const compileOptions = (now = new Date()): CompileOptions => {
  const today = todayIso(now);
  return { today, lastPeriod: shiftPeriod(periodOf(today), -1) };
};

/** Live count and a sample of a definition, in the user's scope. */
export async function previewSegment(opts: { ctx: RequestCtx; definition: SegmentDefinition }) {
  const o = compileOptions();
  const [count, sample] = await Promise.all([
    countSegment(opts.ctx.db, opts.definition, opts.ctx.scope, o),
    sampleSegment(opts.ctx.db, opts.definition, opts.ctx.scope, o),
  ]);
  return { count, sample };
}

export async function segmentProfileOf(opts: { db: DbOrTx; scope: Scope; definition: SegmentDefinition }) {
  return profileSegment(opts.db, opts.definition, opts.scope, compileOptions());
}

type SegmentRow = NonNullable<Awaited<ReturnType<typeof repo.findSegment>>>;
const visible = (scope: Scope, row: SegmentRow) => scope.kind !== 'org' || scope.orgUnitIds.includes(row.orgUnitId);
const dto = (r: SegmentRow, createdBy: string | null = null) => ({
  id: r.id,
  name: r.name,
  description: r.description,
  version: r.version,
  definition: r.definition as SegmentDefinition,
  createdBy,
  updatedAt: r.updatedAt.toISOString(),
});

export async function requireSegment(opts: { db: DbOrTx; scope: Scope; id: number; lock?: boolean }) {
  const row = await repo.findSegment(opts.db, opts.id, opts.lock);
  if (!row || !visible(opts.scope, row)) throw segmentNotFound();
  return row;
}

export async function listSegments(opts: { ctx: RequestCtx }) {
  const rows = await repo.listSegments(opts.ctx.db);
  return rows.filter((r) => visible(opts.ctx.scope, r)).map((r) => dto(r));
}

export async function getSegment(opts: { ctx: RequestCtx; id: number }) {
  const row = await requireSegment({ db: opts.ctx.db, scope: opts.ctx.scope, id: opts.id });
  const versions = await repo.segmentVersions(opts.ctx.db, row.id);
  return {
    ...dto(row),
    versions: versions.map((v) => ({
      version: v.version,
      definition: v.definition as SegmentDefinition,
      createdAt: v.createdAt.toISOString(),
    })),
  };
}

export async function createSegment(opts: { ctx: RequestCtx; input: z.infer<typeof segmentCreate> }) {
  const { ctx, input } = opts;
  return ctx.db.transaction(async (tx) => {
    const row = await repo.insertSegment(tx, {
      name: input.name,
      description: input.description ?? null,
      definition: input.definition,
      version: 1,
      orgUnitId: ctx.user.orgUnitId,
      createdBy: ctx.user.id,
    });
    await repo.insertSegmentVersion(tx, {
      segmentId: row.id,
      version: 1,
      definition: input.definition,
      createdBy: ctx.user.id,
    });
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'create',
      entity: 'marketing_segment',
      entityId: row.id,
      before: null,
      after: { name: row.name, version: 1, definition: row.definition },
    });
    return dto(row, ctx.user.displayName);
  });
}

/** Renames or redefines a segment; a new definition is a new version (campaigns keep the version they launched with). */
export async function updateSegment(opts: { ctx: RequestCtx; id: number; input: z.infer<typeof segmentUpdate> }) {
  const { ctx, id, input } = opts;
  return ctx.db.transaction(async (tx) => {
    const before = await requireSegment({ db: tx, scope: ctx.scope, id, lock: true });
    const redefined =
      input.definition !== undefined && JSON.stringify(input.definition) !== JSON.stringify(before.definition);
    const version = redefined ? before.version + 1 : before.version;
    const row = await repo.updateSegment(tx, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(redefined ? { definition: input.definition, version } : {}),
      updatedAt: new Date(),
    });
    if (redefined) {
      await repo.insertSegmentVersion(tx, {
        segmentId: id,
        version,
        definition: input.definition,
        createdBy: ctx.user.id,
      });
    }
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'update',
      entity: 'marketing_segment',
      entityId: id,
      before: {
        name: before.name,
        description: before.description,
        version: before.version,
        definition: before.definition,
      },
      after: { name: row.name, description: row.description, version: row.version, definition: row.definition },
    });
    return dto(row);
  });
}

/** The definition of one version of a segment. */
export async function definitionOf(opts: { db: DbOrTx; segmentId: number; version: number }) {
  const v = await repo.segmentVersionOf(opts.db, opts.segmentId, opts.version);
  if (!v) throw segmentNotFound();
  return v.definition as SegmentDefinition;
}

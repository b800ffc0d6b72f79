// Value-grading analytics (apps/server/src/modules/grading/grading.analytics.routes.ts): value pyramid,
// distributions, Pareto / ABC, migration matrix, ARPU / ARPA and the drill-down lists.
import { z } from 'zod';
import { pageQuery, period } from './common';
import { abcClasses, gradeImportances, gradeLayers } from './grading';

/** Groups of customers moving between two periods (see the migration matrix). */
export const migrationGroups = ['upgraded', 'downgraded', 'inactive', 'potential', 'unstable', 'new', 'lost'] as const;
export type MigrationGroup = (typeof migrationGroups)[number];
export const arpuDimensions = ['total', 'category', 'tier', 'industry', 'org_unit'] as const;
export type ArpuDimension = (typeof arpuDimensions)[number];
export const distributionDimensions = ['org_unit', 'industry'] as const;
export type DistributionDimension = (typeof distributionDimensions)[number];

/** A drill-down: one period's segment, or (with `from`) a migration group or matrix cell. */
export const segmentFilter = z.object({
  period: period.optional(),
  layer: z.enum(gradeLayers).optional(),
  abcClass: z.enum(abcClasses).optional(),
  stars: z.coerce.number().int().min(0).max(5).optional(),
  importance: z.enum(gradeImportances).optional(),
  category: z.enum(['key_account', 'business', 'public']).optional(),
  industry: z.string().max(64).optional(),
  orgUnitId: z.coerce.number().int().positive().optional(),
  /** With `from`: the list is a migration group or matrix cell between `from` and `period`. */
  from: period.optional(),
  group: z.enum(migrationGroups).optional(),
  fromLayer: z.enum([...gradeLayers, 'none']).optional(),
  toLayer: z.enum([...gradeLayers, 'none']).optional(),
});
export type SegmentFilter = z.infer<typeof segmentFilter>;
/** GET /api/grading/analytics/customers. */
export const segmentPageQuery = pageQuery.extend(segmentFilter.shape);

// ---------------------------------------------------------------- pyramid and distribution

export const layerRow = z.object({
  layer: z.string(),
  customers: z.number().int(),
  activeCustomers: z.number().int(),
  revenueFen: z.number(),
  valueFen: z.number(),
});
export type LayerRow = z.infer<typeof layerRow>;
/** GET /api/grading/analytics/pyramid. */
export const pyramidQuery = z.object({ period: period.optional(), category: segmentFilter.shape.category });
export const pyramid = z.object({
  period: z.string(),
  items: z.array(layerRow),
  totals: z.object({ customers: z.number().int(), revenueFen: z.number() }),
});
export type Pyramid = z.infer<typeof pyramid>;

/** GET /api/grading/analytics/distribution. */
export const distributionQuery = z.object({
  period: period.optional(),
  by: z.enum(distributionDimensions).default('org_unit'),
});
export const distribution = z.object({
  period: z.string(),
  by: z.string(),
  items: z.array(
    z.object({
      key: z.string(),
      label: z.string().nullable(),
      labelEn: z.string().nullable(),
      customers: z.number().int(),
      revenueFen: z.number(),
      layers: z.record(z.string(), z.number()),
    }),
  ),
});
export type Distribution = z.infer<typeof distribution>;

// ---------------------------------------------------------------- Pareto / ABC and migration

/** GET /api/grading/analytics/pareto. */
export const paretoQuery = z.object({ period: period.optional() });
export const pareto = z.object({
  period: z.string(),
  customers: z.number().int(),
  top10Share: z.number(),
  top20Share: z.number(),
  points: z.array(z.object({ customerShare: z.number(), valueShare: z.number() })),
  abc: z.array(
    z.object({
      abcClass: z.string(),
      customers: z.number().int(),
      valueFen: z.number(),
      revenueFen: z.number(),
    }),
  ),
});
export type Pareto = z.infer<typeof pareto>;

/** GET /api/grading/analytics/migration. */
export const migrationQuery = z.object({ from: period.optional(), to: period.optional() });
export const migration = z.object({
  from: z.string(),
  to: z.string(),
  states: z.array(z.string()),
  matrix: z.array(
    z.object({
      fromLayer: z.string(),
      toLayer: z.string(),
      customers: z.number().int(),
      fromRevenueFen: z.number(),
      toRevenueFen: z.number(),
    }),
  ),
  summary: z.record(z.enum(migrationGroups), z.number().int()),
});
export type Migration = z.infer<typeof migration>;

// ---------------------------------------------------------------- drill-down list

export const segmentCustomer = z.object({
  customerId: z.number().int(),
  customerNo: z.string(),
  name: z.string(),
  category: z.string(),
  industry: z.string().nullable(),
  orgUnitName: z.string(),
  accountManagerName: z.string().nullable(),
  layer: z.string().nullable(),
  fromLayer: z.string().nullable(),
  stars: z.number().int().nullable(),
  abcClass: z.string().nullable(),
  importance: z.string().nullable(),
  valueFen: z.number(),
  revenueFen: z.number(),
  fromRevenueFen: z.number().nullable(),
});
export type SegmentCustomer = z.infer<typeof segmentCustomer>;
export const segmentPage = z.object({ items: z.array(segmentCustomer), total: z.number().int() });
export type SegmentPage = z.infer<typeof segmentPage>;

// ---------------------------------------------------------------- ARPU / ARPA

/** GET /api/grading/analytics/arpu. */
export const arpuQuery = z.object({
  from: period.optional(),
  to: period.optional(),
  by: z.enum(arpuDimensions).default('category'),
});
export const arpu = z.object({
  from: z.string(),
  to: z.string(),
  by: z.string(),
  periods: z.array(z.string()),
  items: z.array(
    z.object({
      period: z.string(),
      key: z.string(),
      label: z.string().nullable(),
      customers: z.number().int(),
      accounts: z.number().int(),
      revenueFen: z.number(),
      arpuFen: z.number(),
      arpaFen: z.number(),
    }),
  ),
});
export type Arpu = z.infer<typeof arpu>;

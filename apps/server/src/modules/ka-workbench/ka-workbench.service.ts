import type { TeamOverview, Workbench } from '@crm/contracts';
import type { RequestCtx } from '../../platform/context';
import { visibleAccountManager } from '../accounts-mgmt/accounts-mgmt.service';
import { listTasks } from '../accounts-mgmt/tasks.service';
import { getCalendar } from '../care/care.service';
import { listServiceOrders } from '../fulfilment/fulfilment.service';
import { addDays, todayIso } from '../ka-common/ka-common.models';
import { getPipeline } from '../opportunities/opportunities.service';
import { openWarningCounts, openWarningsOf } from '../warnings/warnings.service';
import { portfolio, spendSeries, teamFigures } from './ka-workbench.queries';

const PORTFOLIO_LIMIT = 300;

/**
 * The AM's home page: portfolio with tiers and spend trend, open warnings, tasks due, pipeline, orders in
 * fulfilment and the next 30 days of the care calendar. Managers see the same for one AM (`amId`) or their whole
 * org units; another AM's workbench answers 404.
 */
export async function getWorkbench(opts: { ctx: RequestCtx; amId?: number }): Promise<Workbench> {
  const { ctx } = opts;
  const am = await visibleAccountManager({ ctx, amId: opts.amId });
  const today = todayIso();
  const customers = await portfolio(ctx.db, ctx.scope, am?.id ?? null, PORTFOLIO_LIMIT);
  const ids = customers.map((c) => c.id);
  const [spend, counts, warnings, tasks, pipeline, orders, calendar] = await Promise.all([
    spendSeries(ctx.db, ids, 6),
    openWarningCounts({ db: ctx.db, customerIds: ids }),
    openWarningsOf({ db: ctx.db, scope: ctx.scope, customerIds: am ? ids : undefined, limit: 20 }),
    listTasks({ ctx, query: { ownerId: am?.id, status: 'open', dueBefore: addDays(today, 14), limit: 50 } }),
    getPipeline({ ctx, query: { ownerId: am?.id } }),
    listServiceOrders({ ctx, query: { status: 'in_progress', amId: am?.id, limit: 20, offset: 0 } }),
    getCalendar({ ctx, query: { from: today, to: addDays(today, 30), amId: am?.id } }),
  ]);
  return {
    am,
    asOf: today,
    portfolio: customers.map((c) => ({
      customerId: c.id,
      customerNo: c.customerNo,
      name: c.name,
      status: c.status,
      tier: c.tier,
      spend: spend.periods.map((period) => ({
        period,
        totalFen: spend.rows.find((r) => r.customerId === c.id && r.period === period)?.fen ?? 0,
      })),
      openWarnings: counts.get(c.id) ?? 0,
    })),
    warnings: warnings.items,
    tasks: tasks.map((t) => ({
      id: t.id,
      title: t.title,
      dueDate: t.dueDate,
      customerId: t.customerId,
      customerName: t.customerName,
      overdue: t.overdue,
    })),
    pipeline: pipeline.stages.map((s) => ({ stage: s.stage, count: s.count, estMonthlyFen: s.estMonthlyFen })),
    orders: orders.items,
    calendar,
  };
}

/** Per-AM figures of the manager's org units (an AM sees their own row only). */
export async function getTeamOverview(opts: { ctx: RequestCtx }): Promise<TeamOverview> {
  const { ctx } = opts;
  return teamFigures(ctx.db, {
    orgUnitIds: ctx.scope.kind === 'org' ? ctx.scope.orgUnitIds : null,
    amId: ctx.scope.kind === 'portfolio' ? ctx.user.id : null,
    today: todayIso(),
  });
}

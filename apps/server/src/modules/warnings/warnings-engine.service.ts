import type { Db, DbOrTx } from '../../db/client';
import { type Actor, systemActor } from '../../platform/context';
import { recordAudit } from '../audit/audit.service';
import { overdueReviewsOf } from '../care/care.service';
import { latestChurnRisks } from '../churn/churn.service';
import { enqueueJob } from '../jobs/jobs.service';
import { periodOf, shiftPeriod, todayIso } from '../ka-common/ka-common.models';
import { notifyUsers } from '../notifications/notifications.service';
import {
  type CustomerFacts,
  evaluateCustomer,
  pathIds,
  resolveSettings,
  ruleNamesZh,
  type WarningCandidate,
} from './warnings.models';
import * as q from './warnings.queries';
import * as repo from './warnings.repository';

export const EVALUATE_JOB = 'warnings.evaluate';
const BATCH = 500;

/**
 * Queues an evaluation of the early warnings for a billing period. The bill import calls it after each import
 * (`sourceKey`: the import's id, so every import evaluates once); the grading run's follow-up job does too.
 */
export const enqueueWarningEvaluation = (opts: { db: DbOrTx; period: string; sourceKey: string }) =>
  enqueueJob({
    db: opts.db,
    type: EVALUATE_JOB,
    payload: { period: opts.period },
    dedupeKey: `${EVALUATE_JOB}:${opts.period}:${opts.sourceKey}`,
  });

/** The facts of a batch of customers, gathered set-based. */
async function factsOf(db: DbOrTx, customers: q.KaCustomerRow[], period: string, asOf: string, withTickets: boolean) {
  const ids = customers.map((c) => c.id);
  const [spend, arrears, contracts, grades, contacts, reviews, complaints, churn] = await Promise.all([
    q.spendByPeriod(db, ids, shiftPeriod(period, -6), period),
    q.arrears(db, ids),
    q.activeContracts(db, ids, asOf),
    q.latestGrades(db, ids, period),
    q.lastContacts(db, ids),
    overdueReviewsOf({ db, customerIds: ids, asOf }),
    withTickets ? q.openComplaints(db, ids) : Promise.resolve(null),
    latestChurnRisks({ db, customerIds: ids }),
  ]);
  return customers.map((c): CustomerFacts => {
    const grade = grades.find((g) => g.customerId === c.id);
    return {
      customerId: c.id,
      spend: Object.fromEntries(spend.filter((s) => s.customerId === c.id).map((s) => [s.period, s.fen])),
      arrearsFen: arrears.find((a) => a.customerId === c.id)?.fen ?? 0,
      contracts: contracts.filter((k) => k.customerId === c.id),
      tier: grade?.tier ?? null,
      previousTier: grade?.previousTier ?? null,
      gradingPeriod: grade?.period ?? null,
      lastContactDate: contacts.find((x) => x.customerId === c.id)?.date ?? null,
      sinceDate: c.sinceDate,
      priceReviews: reviews
        .filter((r) => r.customerId === c.id)
        .map((r) => ({
          id: r.id,
          productInstanceId: r.productInstanceId,
          nextReviewDate: r.nextReviewDate,
          competitorOfferFen: r.competitorOfferFen,
        })),
      openComplaints: complaints ? complaints.filter((t) => t.customerId === c.id) : null,
      churnRisk: churn.find((x) => x.customerId === c.id) ?? null,
    };
  });
}

/**
 * Evaluates the rule-based early warnings of every active key account (or `customerIds`) for a billing period:
 * each rule's settings come from the customer's org unit; a warning is raised once per customer, rule and cause,
 * assigned to the customer's AM, who is alerted. Idempotent.
 */
export async function evaluateWarnings(opts: {
  db: Db;
  period?: string;
  asOf?: string;
  customerIds?: number[];
  actor?: Actor;
}): Promise<{ evaluated: number; created: number }> {
  const { db } = opts;
  const asOf = opts.asOf ?? todayIso();
  const period = opts.period ?? shiftPeriod(periodOf(asOf), -1);
  const actor = opts.actor ?? systemActor('warnings');
  const settingRows = await repo.listSettings(db);
  const withTickets = await q.ticketsAvailable(db);
  let evaluated = 0;
  let created = 0;
  let afterId = 0;
  for (;;) {
    const customers = await q.kaCustomers(db, { ids: opts.customerIds, afterId, limit: BATCH });
    if (customers.length === 0) break;
    afterId = customers[customers.length - 1].id;
    const facts = await factsOf(db, customers, period, asOf, withTickets);
    const candidates: (WarningCandidate & { assigneeId: number | null })[] = [];
    for (const [i, f] of facts.entries()) {
      const c = customers[i];
      const settings = resolveSettings(settingRows, pathIds(c.orgPath));
      for (const w of evaluateCustomer(f, settings, period, asOf))
        candidates.push({ ...w, assigneeId: c.accountManagerId });
    }
    const names = new Map(customers.map((c) => [c.id, c.name]));
    await db.transaction(async (tx) => {
      await repo.followAccountManagers(
        tx,
        customers.map((c) => c.id),
      );
      const rows = await repo.insertNew(
        tx,
        candidates.map((w) => ({
          customerId: w.customerId,
          ruleCode: w.ruleCode,
          causeKey: w.causeKey,
          severity: w.severity,
          facts: w.facts,
          assigneeId: w.assigneeId,
        })),
      );
      for (const r of rows) {
        await recordAudit({
          tx,
          actor,
          action: 'raise',
          entity: 'warning',
          entityId: r.id,
          customerId: r.customerId,
          before: null,
          after: { ruleCode: r.ruleCode, causeKey: r.causeKey, severity: r.severity, assigneeId: r.assigneeId },
        });
        if (r.assigneeId) {
          await notifyUsers({
            tx,
            userIds: [r.assigneeId],
            alert: {
              kind: 'ka.warning',
              title: `${names.get(r.customerId) ?? ''}：${ruleNamesZh[r.ruleCode] ?? r.ruleCode}`,
              link: `/ka/warnings?customerId=${r.customerId}`,
              data: {
                warningId: r.id,
                customerId: r.customerId,
                customerName: names.get(r.customerId) ?? null,
                ruleCode: r.ruleCode,
                severity: r.severity,
                ...r.facts,
              },
              dedupeKey: `ka.warning:${r.id}`,
            },
          });
        }
      }
      created += rows.length;
    });
    evaluated += customers.length;
    if (customers.length < BATCH) break;
  }
  return { evaluated, created };
}

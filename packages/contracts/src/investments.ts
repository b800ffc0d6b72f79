import { z } from 'zod';
import { dbId, fen, period, timestamp } from './common';
import { productFamilies, roles } from './enums';

// Investment evaluation (投资效益评估) of key-account projects with its approval workflow, and the discount
// authority matrix (优惠权限) with discount requests going up the chain.

export const capitalItemKinds = ['equipment', 'construction', 'labour', 'other'] as const;
export const investmentStatuses = ['draft', 'submitted', 'reviewed', 'approved', 'rejected'] as const;
export type InvestmentStatus = (typeof investmentStatuses)[number];
export const investmentApproverLevels = ['city', 'province', 'group'] as const;
export const ruleReasons = ['not_recovered_in_term', 'surplus_below_minimum', 'negative_npv'] as const;

export const capitalItem = z.object({
  kind: z.enum(capitalItemKinds),
  label: z.string().trim().min(1).max(200),
  amountFen: fen,
});

export const investmentInput = z
  .object({
    capital: z.array(capitalItem).min(1).max(100),
    /** Operating and maintenance cost per year. */
    yearlyOpexFen: fen,
    oneOffRevenueFen: fen.default(0),
    monthlyRevenueFen: fen.optional(),
    /** Recurring revenue over the whole term (instead of a monthly figure). */
    termRevenueFen: fen.optional(),
    termMonths: z.number().int().min(1).max(240),
    /** Yearly discount rate in basis points (800 = 8%). */
    discountRateBp: z.number().int().min(0).max(10_000).default(800),
  })
  .superRefine((v, c) => {
    if (v.monthlyRevenueFen !== undefined && v.termRevenueFen !== undefined)
      c.addIssue({ code: 'custom', path: ['termRevenueFen'], message: 'give either the monthly or the term revenue' });
    if (v.monthlyRevenueFen === undefined && v.termRevenueFen === undefined)
      c.addIssue({
        code: 'custom',
        path: ['monthlyRevenueFen'],
        message: 'the monthly or the term revenue is required',
      });
  });
export type InvestmentInputDto = z.infer<typeof investmentInput>;

export const cashFlowMonth = z.object({
  month: z.number().int(),
  inFen: z.number().int(),
  outFen: z.number().int(),
  netFen: z.number().int(),
  cumulativeFen: z.number().int(),
});

/** The computed figures of an evaluation (stored on each version, or previewed) and its monthly cash flow. */
export const investmentFigures = z.object({
  capitalFen: z.number().int(),
  opexFen: z.number().int(),
  totalRevenueFen: z.number().int(),
  totalCostFen: z.number().int(),
  surplusFen: z.number().int(),
  paybackMonth: z.number().int().nullable(),
  npvFen: z.number().int(),
  irrBp: z.number().int().nullable(),
  rulePasses: z.boolean(),
  ruleReasons: z.array(z.enum(ruleReasons)),
  approverLevel: z.enum(investmentApproverLevels),
  cashFlow: z.array(cashFlowMonth),
});

export const investmentEvaluation = z.object({
  id: z.number().int(),
  projectId: z.number().int(),
  version: z.number().int(),
  status: z.enum(investmentStatuses),
  input: z.object({
    capital: z.array(capitalItem),
    yearlyOpexFen: z.number().int(),
    oneOffRevenueFen: z.number().int(),
    monthlyRevenueFen: z.number().int().optional(),
    termRevenueFen: z.number().int().optional(),
    termMonths: z.number().int(),
    discountRateBp: z.number().int(),
  }),
  ...investmentFigures.shape,
  createdBy: z.number().int().nullable(),
  createdByName: z.string().nullable(),
  createdAt: timestamp,
  submittedAt: timestamp.nullable(),
  reviewedBy: z.number().int().nullable(),
  reviewedByName: z.string().nullable(),
  reviewedAt: timestamp.nullable(),
  reviewNote: z.string().nullable(),
  decidedBy: z.number().int().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: timestamp.nullable(),
  decisionReason: z.string().nullable(),
});
export type InvestmentEvaluation = z.infer<typeof investmentEvaluation>;

/** POST /api/investments/preview: the computed figures of an evaluation input, nothing saved. */
export const investmentPreview = investmentFigures.extend({ policyVersion: z.number().int() });
export type InvestmentPreview = z.infer<typeof investmentPreview>;

export const investmentProjectCreate = z.object({
  customerId: dbId,
  name: z.string().trim().min(1).max(200),
  opportunityId: dbId.optional(),
  solutionOptionId: dbId.optional(),
  description: z.string().trim().max(2000).optional(),
});

export const investmentProjectSummary = z.object({
  id: z.number().int(),
  customerId: z.number().int(),
  customerName: z.string(),
  name: z.string(),
  opportunityId: z.number().int().nullable(),
  solutionOptionId: z.number().int().nullable(),
  description: z.string().nullable(),
  ownerId: z.number().int().nullable(),
  ownerName: z.string().nullable(),
  latestVersion: z.number().int().nullable(),
  latestStatus: z.enum(investmentStatuses).nullable(),
  latestSurplusFen: z.number().int().nullable(),
  createdAt: timestamp,
});
export type InvestmentProjectSummary = z.infer<typeof investmentProjectSummary>;

export const investmentProject = investmentProjectSummary.extend({
  evaluations: z.array(investmentEvaluation),
});
export type InvestmentProject = z.infer<typeof investmentProject>;

export const investmentListQuery = z.object({
  customerId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  status: z.enum(investmentStatuses).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const investmentInboxItem = z.object({
  evaluationId: z.number().int(),
  projectId: z.number().int(),
  projectName: z.string(),
  customerId: z.number().int(),
  customerName: z.string(),
  version: z.number().int(),
  status: z.enum(investmentStatuses),
  step: z.enum(['review', 'decide']),
  capitalFen: z.number().int(),
  totalRevenueFen: z.number().int(),
  surplusFen: z.number().int(),
  paybackMonth: z.number().int().nullable(),
  termMonths: z.number().int(),
  rulePasses: z.boolean(),
  approverLevel: z.enum(investmentApproverLevels),
  createdByName: z.string().nullable(),
  submittedAt: timestamp.nullable(),
});

export const investmentReview = z.object({
  action: z.enum(['forward', 'return']),
  note: z.string().trim().max(2000).optional(),
});
export const investmentDecision = z
  .object({
    decision: z.enum(['approve', 'reject']),
    reason: z.string().trim().max(2000).optional(),
  })
  .superRefine((v, c) => {
    if (v.decision === 'reject' && !v.reason)
      c.addIssue({ code: 'custom', path: ['reason'], message: 'a rejection needs a reason' });
  });

export const investmentPolicy = z.object({
  version: z.number().int(),
  minSurplusFen: z.number().int().min(0),
  requirePositiveNpv: z.boolean(),
  /** Ascending capital thresholds: up to maxCapitalFen (null: above all) the approver's level. */
  tiers: z.array(z.object({ maxCapitalFen: fen.nullable(), approverLevel: z.enum(investmentApproverLevels) })),
  updatedAt: timestamp.nullable(),
});
export type InvestmentPolicy = z.infer<typeof investmentPolicy>;
export const investmentPolicyInput = z.object({
  minSurplusFen: fen,
  requirePositiveNpv: z.boolean(),
  tiers: z
    .array(z.object({ maxCapitalFen: fen.nullable(), approverLevel: z.enum(investmentApproverLevels) }))
    .min(1)
    .max(10),
});
export type InvestmentPolicyInput = z.infer<typeof investmentPolicyInput>;

export const realisedPayback = z.object({
  evaluationId: z.number().int().nullable(),
  startPeriod: period.nullable(),
  months: z.array(
    z.object({
      month: z.number().int(),
      period,
      plannedCumulativeFen: z.number().int(),
      actualCumulativeFen: z.number().int().nullable(),
      actualRevenueFen: z.number().int().nullable(),
    }),
  ),
  actualRevenueFen: z.number().int(),
  plannedRevenueToDateFen: z.number().int(),
  /** The month in which the bills recovered the cost, null while not yet. */
  realisedPaybackMonth: z.number().int().nullable(),
});

// ---------------------------------------------------------------- discount authority

export const discountOrgLevels = ['any', 'group', 'province', 'city', 'district'] as const;
export const discountFamilies = ['any', ...productFamilies] as const;
export const discountRequestStatuses = ['pending', 'approved', 'rejected'] as const;
export const discountSources = ['quote', 'price_review'] as const;

export const discountAuthority = z.object({
  id: z.number().int(),
  role: z.enum(roles),
  orgLevel: z.enum(discountOrgLevels),
  productFamily: z.enum(discountFamilies),
  /** Largest discount in basis points (2000 = 20%). */
  maxDiscountBp: z.number().int(),
  /** Largest discount amount per month (null: no cap). */
  maxMonthlyFen: z.number().int().nullable(),
  version: z.number().int(),
  updatedBy: z.number().int().nullable(),
  updatedAt: timestamp,
});
export type DiscountAuthority = z.infer<typeof discountAuthority>;
export const discountAuthorityInput = z.object({
  role: z.enum(roles),
  orgLevel: z.enum(discountOrgLevels).default('any'),
  productFamily: z.enum(discountFamilies).default('any'),
  maxDiscountBp: z.number().int().min(0).max(10_000),
  maxMonthlyFen: fen.nullable(),
});

export const discountRequestCreate = z.object({
  customerId: dbId,
  productInstanceId: dbId,
  source: z.enum(discountSources).default('quote'),
  requestedMonthlyFen: fen,
  reason: z.string().trim().min(1).max(2000),
});
export const discountEscalations = ['no_authority', 'over_percent', 'over_amount'] as const;
export const discountRequest = z.object({
  id: z.number().int(),
  customerId: z.number().int(),
  customerName: z.string(),
  productInstanceId: z.number().int().nullable(),
  serviceNumber: z.string(),
  /** A quote on a solution-option item: the opportunity, option and item it prices. */
  opportunityId: z.number().int().nullable(),
  solutionOptionId: z.number().int().nullable(),
  solutionOptionItemId: z.number().int().nullable(),
  /** What is priced: the option item's offering or the held product's offering (Chinese / English). */
  subjectZh: z.string().nullable(),
  subjectEn: z.string().nullable(),
  productFamily: z.string(),
  source: z.enum(discountSources),
  listMonthlyFen: z.number().int(),
  requestedMonthlyFen: z.number().int(),
  discountBp: z.number().int(),
  discountMonthlyFen: z.number().int(),
  reason: z.string(),
  /**
   * The requester's own authority when asking (0% / 0: none; null: not recorded, a request older than this field),
   * and why the request went up the chain (empty when within authority or not recorded).
   */
  requesterLimit: z.object({ maxDiscountBp: z.number().int(), maxMonthlyFen: z.number().int().nullable() }).nullable(),
  escalation: z.array(z.enum(discountEscalations)),
  status: z.enum(discountRequestStatuses),
  requestedBy: z.number().int().nullable(),
  requestedByName: z.string().nullable(),
  approverId: z.number().int().nullable(),
  approverName: z.string().nullable(),
  decidedBy: z.number().int().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: timestamp.nullable(),
  decisionReason: z.string().nullable(),
  createdAt: timestamp,
});
export type DiscountRequest = z.infer<typeof discountRequest>;
export const discountRequestQuery = z.object({
  status: z.enum(discountRequestStatuses).optional(),
  mine: z.enum(['requested', 'to_approve']).optional(),
  customerId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
/** POST .../options/{optionId}/items/{itemId}/quote: a new monthly unit price for a solution-option item. */
export const optionItemQuote = z.object({
  monthlyFen: fen,
  reason: z.string().trim().min(1).max(2000),
});
export const discountDecision = z
  .object({ decision: z.enum(['approve', 'reject']), reason: z.string().trim().max(2000).optional() })
  .superRefine((v, c) => {
    if (v.decision === 'reject' && !v.reason)
      c.addIssue({ code: 'custom', path: ['reason'], message: 'a rejection needs a reason' });
  });

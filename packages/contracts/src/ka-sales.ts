// Key-account opportunities, solution options and service-order fulfilment (DOMAIN.md 5.1, S1, S2).
import { z } from 'zod';
import { dbId, fen, isoDate, pageOf, pageQuery, timestamp } from './common';
import { industries, organizationTypes } from './enums';

export const opportunityStages = ['lead', 'qualifying', 'solution', 'proposal', 'negotiation', 'won', 'lost'] as const;
export type OpportunityStage = (typeof opportunityStages)[number];
export const kaDepartments = ['business', 'network', 'account_management', 'billing'] as const;
export const orderStepKinds = ['accept', 'network_build', 'test', 'customer_confirmation', 'billing_start'] as const;
export const serviceOrderStatuses = ['in_progress', 'completed', 'cancelled'] as const;
export const confirmationKinds = ['document', 'signed_record'] as const;

const text = (max: number) => z.string().trim().min(1).max(max);
const ref = z.object({ id: z.number().int(), displayName: z.string() });

// ------------------------------------------------------------------ opportunities

export const opportunityNeedInput = z.object({
  phase: text(100),
  item: text(200),
  offeringId: dbId.optional(),
  quantity: z.number().int().min(1).max(1_000_000),
  neededBy: isoDate.optional(),
  notes: z.string().trim().max(500).optional(),
});
/** A prospect recorded with its first opportunity (S2: a hospital under construction). */
export const prospectInput = z.object({
  name: text(200),
  industry: z.enum(industries).optional(),
  organizationType: z.enum(organizationTypes).optional(),
  address: z.string().trim().max(300).optional(),
});
export const opportunityCreate = z
  .object({
    customerId: dbId.optional(),
    prospect: prospectInput.optional(),
    title: text(200),
    description: z.string().trim().max(5000).optional(),
    estMonthlyFen: fen.default(0),
    estOneTimeFen: fen.default(0),
    expectedClose: isoDate.optional(),
    competitor: z.string().trim().max(100).optional(),
    ownerId: dbId.optional(),
    needs: z.array(opportunityNeedInput).max(100).default([]),
  })
  .refine((v) => Boolean(v.customerId) !== Boolean(v.prospect), {
    path: ['customerId'],
    message: 'give either customerId or prospect',
  });
export const opportunityUpdate = z.object({
  title: text(200).optional(),
  description: z.string().trim().max(5000).nullable().optional(),
  estMonthlyFen: fen.optional(),
  estOneTimeFen: fen.optional(),
  expectedClose: isoDate.nullable().optional(),
  competitor: z.string().trim().max(100).nullable().optional(),
  ownerId: dbId.optional(),
});
export const stageChange = z.object({
  stage: z.enum(opportunityStages),
  lostReason: z.string().trim().max(500).optional(),
  competitor: z.string().trim().max(100).optional(),
});
export const opportunityNoteCreate = z.object({
  body: text(5000),
  forwardedTo: z.enum(kaDepartments).optional(),
});
/** Max 10 MB of file content, base64-encoded. */
export const attachmentUpload = z.object({
  fileName: text(200),
  contentType: text(100),
  contentBase64: z.string().min(1).max(14_000_000),
  description: z.string().trim().max(300).optional(),
});
export const opportunityQuery = pageQuery.extend({
  ownerId: z.coerce.number().int().positive().optional(),
  orgUnitId: z.coerce.number().int().positive().optional(),
  customerId: z.coerce.number().int().positive().optional(),
  stage: z.enum(opportunityStages).optional(),
  open: z.enum(['true', 'false']).optional(),
});

export const opportunitySummary = z.object({
  id: z.number().int(),
  customerId: z.number().int(),
  customerName: z.string(),
  customerStatus: z.string(),
  owner: ref,
  title: z.string(),
  stage: z.enum(opportunityStages),
  estMonthlyFen: fen,
  estOneTimeFen: fen,
  expectedClose: z.string().nullable(),
  competitor: z.string().nullable(),
  probability: z.number(),
  updatedAt: timestamp,
});
export type OpportunitySummary = z.infer<typeof opportunitySummary>;
export const opportunityPage = pageOf(opportunitySummary);

export const optionItemInput = z.object({
  offeringId: dbId,
  description: z.string().trim().max(200).optional(),
  quantity: z.number().int().min(1).max(1_000_000),
  oneTimeFen: fen.default(0),
  monthlyFen: fen.default(0),
});
export const solutionOptionCreate = z.object({
  name: text(200),
  summary: z.string().trim().max(2000).optional(),
  termMonths: z.number().int().min(1).max(120),
  investmentFen: fen.default(0),
  items: z.array(optionItemInput).min(1).max(100),
});
export const optionComparison = z.object({
  oneTimeFen: fen,
  monthlyFen: fen,
  termRevenueFen: fen,
  investmentFen: fen,
  surplusFen: z.number().int(),
  paybackMonths: z.number().int().nullable(),
  lowestMonthly: z.boolean(),
  lowestTermCost: z.boolean(),
  fastestPayback: z.boolean(),
});
export const solutionOption = z.object({
  id: z.number().int(),
  name: z.string(),
  summary: z.string().nullable(),
  termMonths: z.number().int(),
  investmentFen: fen,
  chosen: z.boolean(),
  items: z.array(
    z.object({
      id: z.number().int(),
      offeringId: z.number().int(),
      offeringNameZh: z.string(),
      offeringNameEn: z.string(),
      description: z.string().nullable(),
      quantity: z.number().int(),
      oneTimeFen: fen,
      monthlyFen: fen,
    }),
  ),
  comparison: optionComparison,
});
export type SolutionOption = z.infer<typeof solutionOption>;

export const opportunityDetail = opportunitySummary.extend({
  description: z.string().nullable(),
  lostReason: z.string().nullable(),
  chosenOptionId: z.number().int().nullable(),
  orderId: z.number().int().nullable(),
  createdAt: timestamp,
  needs: z.array(
    z.object({
      id: z.number().int(),
      phase: z.string(),
      item: z.string(),
      offeringId: z.number().int().nullable(),
      quantity: z.number().int(),
      neededBy: z.string().nullable(),
      notes: z.string().nullable(),
    }),
  ),
  notes: z.array(
    z.object({
      id: z.number().int(),
      body: z.string(),
      forwardedTo: z.enum(kaDepartments).nullable(),
      authorName: z.string().nullable(),
      createdAt: timestamp,
    }),
  ),
  attachments: z.array(
    z.object({
      id: z.number().int(),
      fileName: z.string(),
      contentType: z.string(),
      sizeBytes: z.number().int(),
      description: z.string().nullable(),
      uploadedByName: z.string().nullable(),
      uploadedAt: timestamp,
    }),
  ),
  options: z.array(solutionOption),
});
export type OpportunityDetail = z.infer<typeof opportunityDetail>;

export const pipelineQuery = z.object({
  ownerId: z.coerce.number().int().positive().optional(),
  orgUnitId: z.coerce.number().int().positive().optional(),
});
export const pipeline = z.object({
  stages: z.array(
    z.object({
      stage: z.enum(opportunityStages),
      count: z.number().int(),
      estMonthlyFen: fen,
      weightedMonthlyFen: fen,
      items: z.array(opportunitySummary),
    }),
  ),
});
export type Pipeline = z.infer<typeof pipeline>;

// ------------------------------------------------------------------ service orders

export const orderStep = z.object({
  id: z.number().int(),
  orderId: z.number().int(),
  seq: z.number().int(),
  kind: z.enum(orderStepKinds),
  department: z.enum(kaDepartments),
  assignee: ref.nullable(),
  dueDate: z.string(),
  doneAt: timestamp.nullable(),
  doneByName: z.string().nullable(),
  note: z.string().nullable(),
  evidence: z.record(z.string(), z.unknown()).nullable(),
  current: z.boolean(),
  overdue: z.boolean(),
});
export type OrderStep = z.infer<typeof orderStep>;
export const serviceOrderSummary = z.object({
  id: z.number().int(),
  orderNo: z.string(),
  customerId: z.number().int(),
  customerName: z.string(),
  title: z.string(),
  am: ref.nullable(),
  status: z.enum(serviceOrderStatuses),
  billingStartDate: z.string().nullable(),
  currentStep: z.enum(orderStepKinds).nullable(),
  currentStepDue: z.string().nullable(),
  overdue: z.boolean(),
  createdAt: timestamp,
});
export type ServiceOrderSummary = z.infer<typeof serviceOrderSummary>;
export const serviceOrderPage = pageOf(serviceOrderSummary);
export const serviceOrderDetail = serviceOrderSummary.extend({
  opportunityId: z.number().int().nullable(),
  optionId: z.number().int().nullable(),
  termMonths: z.number().int().nullable(),
  items: z.array(
    z.object({
      id: z.number().int(),
      offeringId: z.number().int(),
      offeringNameZh: z.string(),
      offeringNameEn: z.string(),
      description: z.string().nullable(),
      quantity: z.number().int(),
      oneTimeFen: fen,
      monthlyFen: fen,
      serviceNumber: z.string().nullable(),
      productInstanceId: z.number().int().nullable(),
    }),
  ),
  steps: z.array(orderStep),
  monthlyFen: fen,
  oneTimeFen: fen,
});
export type ServiceOrderDetail = z.infer<typeof serviceOrderDetail>;
export const orderQuery = pageQuery.extend({
  status: z.enum(serviceOrderStatuses).optional(),
  amId: z.coerce.number().int().positive().optional(),
  customerId: z.coerce.number().int().positive().optional(),
});
export const stepUpdate = z.object({
  assigneeId: dbId.nullable().optional(),
  dueDate: isoDate.optional(),
});
export const stepComplete = z.object({
  note: z.string().trim().max(2000).optional(),
  /** network_build: circuit ids / numbers per order item. */
  serviceNumbers: z
    .array(z.object({ itemId: dbId, serviceNumber: text(64) }))
    .max(100)
    .optional(),
  /** customer_confirmation: the customer's written confirmation. */
  confirmation: z
    .object({
      kind: z.enum(confirmationKinds),
      signer: text(100),
      signedOn: isoDate,
      document: attachmentUpload.omit({ description: true }).optional(),
    })
    .optional(),
  /** billing_start: the first day billed (default today). */
  billingStartDate: isoDate.optional(),
});
export const myStep = orderStep.extend({
  orderNo: z.string(),
  customerId: z.number().int(),
  customerName: z.string(),
  orderTitle: z.string(),
});
export type MyStep = z.infer<typeof myStep>;
export const chooseOptionResult = z.object({ opportunityId: z.number().int(), orderId: z.number().int() });

// The audit catalogue: every entity, action and job actor the server writes to the audit log, and which audited
// fields hold user ids, money or times. The web labels each of them (apps/web/src/audit/labels.ts + messages/audit.ts);
// a server test (audit-catalogue.test.ts) fails when the code writes an action or entity missing here.
import { z } from 'zod';
import { pageOf } from './common';
import { auditEntry } from './org';

/** Every `entity` written to audit_log. */
export const auditEntities = [
  'account',
  'account_plan',
  'account_team_member',
  'am_assignment',
  'api_token',
  'approval_limit',
  'bills',
  'billing_account',
  'churn_competitor',
  'churn_model',
  'churn_retention_action',
  'churn_termination',
  'club_event',
  'club_invitation',
  'club_membership',
  'commitment',
  'commitment_limit',
  'contact',
  'contact_profile',
  'contact_relationship',
  'contract',
  'customer',
  'customer_entitlements',
  'customer_share',
  'customers',
  'department',
  'discount_authority',
  'discount_request',
  'entitlement_tier_rule',
  'entitlement_usage',
  'grading_rule_set',
  'grading_run',
  'hotline_call',
  'import',
  'interaction',
  'investment_evaluation',
  'investment_policy',
  'investment_project',
  'ka_task',
  'ka_visit',
  'kb_article',
  'kb_category',
  'kpi_month',
  'kpi_penalty',
  'kpi_scorecard',
  'kpi_settings',
  'line_check',
  'loyalty_points',
  'loyalty_redemption',
  'loyalty_reward',
  'marketing_campaign',
  'marketing_offer',
  'marketing_opt_out',
  'marketing_segment',
  'note',
  'oauth_client',
  'opportunity',
  'opportunity_attachment',
  'opportunity_need',
  'opportunity_note',
  'org_unit',
  'price_review',
  'product_instance',
  'quality_inspection',
  'questionnaire',
  'service_order',
  'service_order_step',
  'session',
  'sla_calendar',
  'sla_clock',
  'sla_holiday',
  'sla_policy',
  'solution_option',
  'solution_option_item',
  'survey_followup',
  'survey_invitation',
  'survey_opt_out',
  'survey_wave',
  'survey_wave_member',
  'ticket',
  'ticket_attachment',
  'ticket_category',
  'ticket_complaint',
  'tmf_hub_subscription',
  'user',
  'warning',
  'warning_rule_setting',
  'work_order',
] as const;
export type AuditEntity = (typeof auditEntities)[number];

/** Every `action` written to audit_log. */
export const auditActions = [
  'abandon',
  'acknowledge',
  'activate',
  'adjust',
  'advance',
  'answer',
  'approve',
  'approve_compensation',
  'assign',
  'bonus_event',
  'bonus_referral',
  'call',
  'cancel',
  'choose',
  'close',
  'complete',
  'compute',
  'confirm',
  'contact',
  'create',
  'delete',
  'deny',
  'dispatch',
  'download',
  'earn_bill',
  'end_sessions',
  'escalate',
  'escalate_compensation',
  'expire',
  'export',
  'forward',
  'fulfil',
  'generate_contacts',
  'grade',
  'import',
  'import.commit',
  'import.dry_run',
  'import.upload',
  'login',
  'measure',
  'new_version',
  'note',
  'opt_in',
  'opt_out',
  'overdue',
  'promote',
  'publish',
  'raise',
  'read_pii',
  'rebind',
  'recover',
  'redeem',
  'reject',
  'reject_compensation',
  'reopen',
  'resurvey',
  'retire',
  'return',
  'review',
  'revoke',
  'schedule',
  'share',
  'sla_recompute',
  'sla_scan',
  'stage',
  'submit',
  'suppress',
  'task_outcome',
  'token_issued',
  'token_refused',
  'train',
  'transfer',
  'transition',
  'unshare',
  'update',
  'use',
  'vote',
] as const;
export type AuditAction = (typeof auditActions)[number];

/** Names of jobs and system processes that write audit records without a user (`actorName` with no user id). */
export const auditJobActors = [
  'system',
  'demo',
  'campaigns',
  'churn',
  'commitments-scan',
  'entitlements',
  'grading',
  'kpi',
  'loyalty',
  'sla-policy-change',
  'sla-scan',
  'surveys',
  'warnings',
] as const;
export type AuditJobActor = (typeof auditJobActors)[number];

/** Audited fields whose values are users.id (and any `...UserIds` array): shown as the person's display name (the API's `people` map). */
export const auditUserIdFields = [
  'accountManagerId',
  'acknowledgedBy',
  'actorUserId',
  'amId',
  'amUserId',
  'answeredBy',
  'approverId',
  'assignedBy',
  'assigneeId',
  'assigneeUserId',
  'authorId',
  'byUserId',
  'closedBy',
  'compensationDecidedBy',
  'compensationProposedBy',
  'confirmedBy',
  'createdBy',
  'decidedBy',
  'doneBy',
  'fromUserId',
  'headUserId',
  'inspectorId',
  'invitedBy',
  'ourContactUserId',
  'ownerId',
  'promiserId',
  'promotedBy',
  'recordedBy',
  'requestedBy',
  'resolvedBy',
  'responsibleUserId',
  'reviewedBy',
  'staffUserId',
  'toUserId',
  'updatedBy',
  'uploadedBy',
  'userId',
] as const;
const userIdFieldSet: ReadonlySet<string> = new Set(auditUserIdFields);

/** Technical fields that say nothing to a reader of the history (never shown). */
export const auditHiddenFields = [
  'id',
  'customerId',
  'partyId',
  'createdAt',
  'updatedAt',
  'passwordHash',
  'tokenHash',
  'csrfToken',
  'path',
  'storageKey',
  'idempotencyKey',
  'dedupeKey',
  'sourceKey',
  'causeKey',
  'requestHash',
  'secretHash',
] as const;
const hiddenFieldSet: ReadonlySet<string> = new Set(auditHiddenFields);

export type AuditFieldKind = 'hidden' | 'user' | 'money' | 'datetime' | 'date' | 'percent' | 'plain';

/** How an audited field's values are shown, from its name. */
export function auditFieldKind(field: string): AuditFieldKind {
  if (hiddenFieldSet.has(field)) return 'hidden';
  if (userIdFieldSet.has(field) || /UserIds$/.test(field)) return 'user';
  if (/Fen$/.test(field)) return 'money';
  if (/(At|Until|Time)$/.test(field)) return 'datetime';
  if (/(Date|On|Day|From|To)$/.test(field) && !/(UserId|Id)$/.test(field)) return 'date';
  if (/(Pct|Percent|Rate)$/.test(field)) return 'percent';
  return 'plain';
}

/** The user ids referenced by audit entries: actors and user-id fields of the changes. */
export function auditPeopleIds(
  entries: readonly { actorUserId: number | null; changes: Record<string, { before: unknown; after: unknown }> }[],
): number[] {
  const ids = new Set<number>();
  for (const e of entries) {
    if (e.actorUserId != null) ids.add(e.actorUserId);
    for (const [field, { before, after }] of Object.entries(e.changes ?? {})) {
      if (auditFieldKind(field) !== 'user') continue;
      for (const v of [before, after].flat()) if (typeof v === 'number' && Number.isInteger(v) && v > 0) ids.add(v);
    }
  }
  return [...ids];
}

/**
 * A page of audit entries with what the web needs to show names instead of ids: `people` (user id -> display name,
 * the actors and every user-id field of the changes) and `customers` (customer id -> name).
 */
export const auditPage = pageOf(auditEntry).extend({
  people: z.record(z.string(), z.string()),
  customers: z.record(z.string(), z.object({ name: z.string(), customerNo: z.string() })),
});
export type AuditPage = z.infer<typeof auditPage>;

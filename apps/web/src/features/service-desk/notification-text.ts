import type { Notification } from '@crm/contracts';
import type { Locale, TFunction } from '../../i18n';

// How alerts read in the viewer's language (the notifications page and the header bell).

/** Tag colour of an alert kind: breaches and overdue red, warnings orange, the rest blue. */
export const kindColor = (kind: string) =>
  kind.includes('breach') || kind.includes('overdue') || kind.includes('escalation')
    ? 'red'
    : kind.includes('warning')
      ? 'orange'
      : 'blue';

export const ALERT_KINDS = new Set([
  'sla.warning',
  'sla.breach',
  'sla.escalation',
  'sla.update_due',
  'work_order.assigned',
  'work_order.resolved',
  'work_order.overdue',
  'commitment.approval',
  'commitment.approved',
  'commitment.rejected',
  'commitment.overdue',
  'complaint.compensation_approval',
  'ka.warning',
  'fulfilment.step_overdue',
  'opportunity.note_forwarded',
  'survey.dissatisfied',
  'campaigns.offer_approval',
  'campaigns.offer_decided',
  'discount.approval',
  'discount.decided',
  'investment.step',
]);

/** Marketing offers beyond the creator's discount authority: asked of the approver, then decided for the creator. */
function offerAlertText(t: TFunction, n: Notification): string {
  const d = (n.data ?? {}) as Record<string, unknown>;
  // Alerts stored before the offer's name was kept in their data read as stored (the Chinese title).
  if (typeof d.offerName !== 'string') return n.title;
  if (n.kind === 'campaigns.offer_approval') {
    return t('sd.alert.campaigns.offer_approval', { offer: d.offerName, discount: String(d.discountPct ?? '') });
  }
  return t(d.decision === 'reject' ? 'sd.alert.campaigns.offer_rejected' : 'sd.alert.campaigns.offer_approved', {
    offer: d.offerName,
  });
}

/** Discount requests (asked of the approver, decided for the requester) and investment evaluation steps. */
function approvalAlertText(t: TFunction, n: Notification): string {
  const d = (n.data ?? {}) as Record<string, unknown>;
  if (n.kind === 'discount.approval') {
    if (typeof d.discountBp !== 'number') return n.title;
    return t('sd.alert.discount.approval', { discount: (d.discountBp / 100).toFixed(2) });
  }
  if (n.kind === 'discount.decided') {
    return t(d.decision === 'reject' ? 'sd.alert.discount.rejected' : 'sd.alert.discount.approved');
  }
  // Alerts stored before the project's name was kept in their data read as stored (the Chinese title).
  if (typeof d.projectName !== 'string' || typeof d.status !== 'string') return n.title;
  return t(`sd.alert.investment.${d.status}`, { project: d.projectName, version: String(d.version ?? '') });
}

/** The alert in the viewer's language from its kind and data (the stored title is the Chinese fallback). */
export function alertText(t: TFunction, n: Notification, locale: Locale = 'zh-CN'): string {
  if (!ALERT_KINDS.has(n.kind)) return n.title;
  if (n.kind.startsWith('campaigns.')) return offerAlertText(t, n);
  if (n.kind.startsWith('discount.') || n.kind === 'investment.step') return approvalAlertText(t, n);
  const d = (n.data ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  const department = !d.department
    ? ''
    : n.kind === 'fulfilment.step_overdue' || n.kind === 'opportunity.note_forwarded'
      ? t(`ka.dept.${d.department}`)
      : // Work-order alerts carry the department's stored names (English since the alert kept it).
        str(locale === 'en' && d.departmentEn ? d.departmentEn : d.department);
  return t(`sd.alert.${n.kind}`, {
    ticketNo: str(d.ticketNo),
    metric: d.metric ? t(`sd.metric.${d.metric}`) : '',
    department,
    what: str(d.what),
    customer: str(d.customerName),
    rule: d.ruleCode ? t(`ka.rule.${d.ruleCode}`) : '',
    step: d.step ? t(`ka.step.${d.step}`) : '',
    orderNo: str(d.orderNo),
    dueDate: str(d.dueDate),
    author: str(d.author),
  });
}

/** The kind's label, or the raw kind for alerts of other modules. */
export const kindLabel = (t: TFunction, kind: string) => (ALERT_KINDS.has(kind) ? t(`sd.alertKind.${kind}`) : kind);

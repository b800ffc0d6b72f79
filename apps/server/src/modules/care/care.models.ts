import type { CalendarEntry } from '@crm/contracts';
import { addDays, addMonths, daysBetween, sameDayInYear } from '../ka-common/ka-common.models';

/** Contract-expiry reminders: this many days before the end date. */
export const expiryReminderDays = [90, 60, 30] as const;
/** The widest calendar window served at once. */
export const maxWindowDays = 400;

export type CalendarInput = {
  customers: { id: number; name: string; sinceDate: string | null }[];
  contacts: { id: number; customerId: number; name: string; birthday: string | null }[];
  contracts: { id: number; customerId: number; contractNo: string; endDate: string }[];
  priceReviews: { id: number; customerId: number; serviceNumber: string | null; nextReviewDate: string }[];
  lineChecks: { id: number; customerId: number; description: string; nextDueDate: string; intervalDays: number }[];
  events: { id: number; title: string; eventDate: string; customerId: number | null; status: string | null }[];
  tasks: { id: number; customerId: number | null; title: string; dueDate: string; sourceKey: string | null }[];
};

type Entry = Omit<CalendarEntry, 'taskId' | 'customerName'>;

const yearsIn = (from: string, to: string): number[] => {
  const out: number[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) out.push(y);
  return out;
};
const inWindow = (d: string, from: string, to: string) => d >= from && d <= to;

/**
 * The care calendar of a window [from, to]: contacts' birthdays, customer anniversaries, contract expiry at
 * 90/60/30 days, price reviews due, preventive line checks (recurring), club events and open tasks. Each entry has a
 * stable key; a task made from an entry carries that key, so the entry shows it is already planned.
 */
export function buildCalendar(input: CalendarInput, from: string, to: string): CalendarEntry[] {
  const names = new Map(input.customers.map((c) => [c.id, c.name]));
  const entries: Entry[] = [];

  for (const c of input.contacts) {
    if (!c.birthday) continue;
    for (const y of yearsIn(from, to)) {
      const date = sameDayInYear(c.birthday, y);
      if (inWindow(date, from, to)) {
        entries.push({
          key: `birthday:${c.id}:${y}`,
          date,
          kind: 'birthday',
          customerId: c.customerId,
          subject: c.name,
          detail: { contactId: c.id },
        });
      }
    }
  }

  for (const c of input.customers) {
    if (!c.sinceDate) continue;
    for (const y of yearsIn(from, to)) {
      const years = y - Number(c.sinceDate.slice(0, 4));
      const date = sameDayInYear(c.sinceDate, y);
      if (years > 0 && inWindow(date, from, to)) {
        entries.push({
          key: `anniversary:${c.id}:${y}`,
          date,
          kind: 'anniversary',
          customerId: c.id,
          subject: c.name,
          detail: { years },
        });
      }
    }
  }

  for (const k of input.contracts) {
    for (const days of expiryReminderDays) {
      const date = addDays(k.endDate, -days);
      if (inWindow(date, from, to)) {
        entries.push({
          key: `contract_expiry:${k.id}:${days}`,
          date,
          kind: 'contract_expiry',
          customerId: k.customerId,
          subject: k.contractNo,
          detail: { daysBefore: days, endDate: k.endDate, contractId: k.id },
        });
      }
    }
  }

  for (const r of input.priceReviews) {
    // An overdue review stays on the first day of the window until it is done.
    const date = r.nextReviewDate < from ? from : r.nextReviewDate;
    if (inWindow(date, from, to)) {
      entries.push({
        key: `price_review:${r.id}:${r.nextReviewDate}`,
        date,
        kind: 'price_review',
        customerId: r.customerId,
        subject: r.serviceNumber ?? String(r.id),
        detail: {
          priceReviewId: r.id,
          dueDate: r.nextReviewDate,
          daysOverdue: Math.max(0, daysBetween(r.nextReviewDate, from)),
        },
      });
    }
  }

  for (const l of input.lineChecks) {
    let date = l.nextDueDate;
    let guard = 0;
    while (date <= to && guard++ < 400) {
      const shown = date < from ? null : date;
      if (shown) {
        entries.push({
          key: `line_check:${l.id}:${date}`,
          date,
          kind: 'line_check',
          customerId: l.customerId,
          subject: l.description,
          detail: { lineCheckId: l.id },
        });
      }
      date = addDays(date, Math.max(1, l.intervalDays));
    }
  }

  for (const e of input.events) {
    if (!inWindow(e.eventDate, from, to)) continue;
    entries.push({
      key: e.customerId ? `club_event:${e.id}:${e.customerId}` : `club_event:${e.id}`,
      date: e.eventDate,
      kind: 'club_event',
      customerId: e.customerId,
      subject: e.title,
      detail: { eventId: e.id, status: e.status },
    });
  }

  const taskByKey = new Map(input.tasks.filter((t) => t.sourceKey).map((t) => [t.sourceKey as string, t.id]));
  for (const t of input.tasks) {
    if (t.sourceKey && entries.some((e) => e.key === t.sourceKey)) continue;
    if (!inWindow(t.dueDate, from, to)) continue;
    entries.push({
      key: `task:${t.id}`,
      date: t.dueDate,
      kind: 'task',
      customerId: t.customerId,
      subject: t.title,
      detail: { taskId: t.id },
    });
  }

  return entries
    .map((e) => ({
      ...e,
      customerName: e.customerId ? (names.get(e.customerId) ?? null) : null,
      taskId: e.kind === 'task' ? (e.detail.taskId as number) : (taskByKey.get(e.key) ?? null),
    }))
    .sort((a, b) => a.date.localeCompare(b.date) || a.kind.localeCompare(b.kind) || a.key.localeCompare(b.key));
}

/** The next review date after a review on `reviewedOn`. */
export const nextReviewAfter = (reviewedOn: string, intervalMonths: number) => addMonths(reviewedOn, intervalMonths);

import { addDays } from '../ka-common/ka-common.models';

export type StepKind = 'accept' | 'network_build' | 'test' | 'customer_confirmation' | 'billing_start';
export type Department = 'business' | 'network' | 'account_management' | 'billing';

/**
 * The fulfilment steps of a KA service order (DOMAIN.md 5.1), each with its owning department and the working
 * days it normally takes: order accepted -> network builds -> tests -> customer confirms in writing -> billing starts.
 */
/** Step names in Chinese, for stored alert titles (the web shows alerts in the viewer's language). */
export const stepNamesZh: Record<StepKind, string> = {
  accept: '受理',
  network_build: '网络建设',
  test: '测试',
  customer_confirmation: '客户书面确认',
  billing_start: '计费起租',
};

export const stepPlan: { kind: StepKind; department: Department; days: number }[] = [
  { kind: 'accept', department: 'business', days: 1 },
  { kind: 'network_build', department: 'network', days: 10 },
  { kind: 'test', department: 'network', days: 2 },
  { kind: 'customer_confirmation', department: 'account_management', days: 3 },
  { kind: 'billing_start', department: 'billing', days: 2 },
];

/** Steps with cumulative due dates from `start`. */
export function planSteps(start: string) {
  let due = start;
  return stepPlan.map((s, i) => {
    due = addDays(due, s.days);
    return { seq: i + 1, kind: s.kind, department: s.department, dueDate: due };
  });
}

type StepState = { id: number; seq: number; doneAt: Date | null };

/** The first step not done yet (null when all are done). */
export const currentStep = <T extends StepState>(steps: T[]): T | null =>
  [...steps].sort((a, b) => a.seq - b.seq).find((s) => !s.doneAt) ?? null;

/** Why a step cannot be completed now, or null. */
export function completeError(steps: StepState[], stepId: number): string | null {
  const step = steps.find((s) => s.id === stepId);
  if (!step) return 'no such step';
  if (step.doneAt) return 'the step is already done';
  const current = currentStep(steps);
  if (current && current.id !== stepId) return 'the previous steps are not done yet';
  return null;
}

export const isOverdue = (s: { dueDate: string; doneAt: Date | null }, today: string) => !s.doneAt && s.dueDate < today;

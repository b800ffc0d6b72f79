// Approval authority: which limit applies to an approver, whether it covers an amount, who up the chain may approve,
// and four-eyes (nobody decides their own proposal). Pure functions over the limit rows.

export type ApprovalKind = 'commitment' | 'compensation';
export type LimitRule = { kind: ApprovalKind; role: string; orgLevel: string; maxAmountFen: number | null };
export type Approver = { id: number; role: string; level: string };

/** The limit of an approver: the row for their role at their org level, else their role at 'any' level. */
export function limitOf(rules: readonly LimitRule[], kind: ApprovalKind, approver: Omit<Approver, 'id'>) {
  const ofRole = rules.filter((r) => r.kind === kind && r.role === approver.role);
  return ofRole.find((r) => r.orgLevel === approver.level) ?? ofRole.find((r) => r.orgLevel === 'any');
}

/**
 * Whether a limit covers an amount: no amount (or 0) always is; without a rule nothing is; a null maximum is
 * unlimited.
 */
export function coversAmount(rule: Pick<LimitRule, 'maxAmountFen'> | undefined, amountFen: number | null | undefined) {
  if (!amountFen) return true;
  if (!rule) return false;
  return rule.maxAmountFen === null || amountFen <= rule.maxAmountFen;
}

/** The largest amount an approver may approve (null: unlimited; 0 without a rule). */
export const maxAmountOf = (rule: Pick<LimitRule, 'maxAmountFen'> | undefined) => (rule ? rule.maxAmountFen : 0);

/**
 * Who should decide an amount an approver may not: the nearest member of the chain above them whose limit covers it,
 * else the top of the chain; undefined when the chain is empty.
 */
export function nextApprover<T extends Approver>(
  rules: readonly LimitRule[],
  kind: ApprovalKind,
  chain: readonly T[],
  amountFen: number | null | undefined,
): T | undefined {
  return chain.find((m) => coversAmount(limitOf(rules, kind, m), amountFen)) ?? chain[chain.length - 1];
}

/** Four-eyes: true when the approver is one of the proposers (the promiser, or who recorded or proposed it). */
export const isOwnProposal = (approverId: number, proposerIds: readonly (number | null | undefined)[]) =>
  proposerIds.some((id) => id === approverId);

/** Fen as yuan with thousands separators, e.g. 2000000 -> "20,000.00". */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}${yuan}.${String(abs % 100).padStart(2, '0')}`;
}

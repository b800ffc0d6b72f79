import { conflict, notFound } from '../../platform/errors';

export const ruleSetNotFound = () => notFound('grading.rule_set_not_found', 'Rule set not found');
export const runNotFound = () => notFound('grading.run_not_found', 'Grading run not found');
/** A missing customer and one outside the caller's row scope answer the same. */
export const customerNotFound = () => notFound('customers.not_found', 'Customer not found');
export const ruleSetNotDraft = () =>
  conflict('grading.rule_set_not_draft', 'Only a draft rule set can be edited or activated');
export const ruleSetNotActive = () => conflict('grading.rule_set_not_active', 'Only an active rule set can be retired');
export const noRuleSetInForce = (period: string) =>
  conflict('grading.no_rule_set', `No active rule set is in force for ${period}`, [
    { path: 'period', message: 'no active rule set in force' },
  ]);

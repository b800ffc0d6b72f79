import { conflict, notFound } from '../../platform/errors';

export const competitorNotFound = () => notFound('churn.competitor_not_found', 'Competitor not found');
export const competitorCodeTaken = () => conflict('churn.competitor_code_taken', 'A competitor with this code exists');
export const alreadyTerminated = () =>
  conflict('churn.already_terminated', 'The customer has already been terminated (churned)');
export const retentionActionNotFound = () => notFound('churn.action_not_found', 'Retention action not found');
export const terminationNotFound = () => notFound('churn.termination_not_found', 'Termination not found');

import { AppError, notFound } from '../../platform/errors';

export const projectNotFound = () => notFound('investments.not_found', 'Investment project not found');
export const evaluationNotFound = () => notFound('investments.evaluation_not_found', 'Investment evaluation not found');

export const wrongStep = (status: string, action: string) =>
  new AppError('investments.wrong_step', 409, `An evaluation that is ${status} cannot be given the action ${action}`);

export const ownEvaluation = () =>
  new AppError('investments.own_evaluation', 403, 'Nobody may review or decide their own evaluation (four-eyes rule)');

export const approverLevelTooLow = (required: string) =>
  new AppError('investments.approver_level', 403, `This investment needs an approver at ${required} level or above`, [
    { path: 'approverLevel', message: required },
  ]);

export const ruleNotMet = (reasons: string[]) =>
  new AppError(
    'investments.rule_not_met',
    422,
    `The approval rule is not met (${reasons.join(', ')}): the contract does not recover the cost within its term; reject it with a reason`,
    reasons.map((r) => ({ path: 'rule', message: r })),
  );

export const pendingVersion = () =>
  new AppError(
    'investments.pending_version',
    409,
    'This project has an evaluation awaiting approval; decide or return it before adding a new version',
  );

import { conflict, notFound } from '../../platform/errors';

export const taskNotFound = () => notFound('ka.task_not_found', 'Task not found');
export const planNotFound = () => notFound('ka.plan_not_found', 'Account plan not found');
export const relationshipNotFound = () => notFound('ka.relationship_not_found', 'Relationship not found');
export const teamMemberNotFound = () => notFound('ka.team_member_not_found', 'Team member not found');
export const alreadyInTeam = () =>
  conflict('ka.already_in_team', 'userId: already in the account team with this role', [
    { path: 'userId', message: 'already in the team with this role' },
  ]);
export const sameAccountManager = () =>
  conflict('ka.same_account_manager', 'toUserId: already the account manager', [
    { path: 'toUserId', message: 'already the account manager' },
  ]);

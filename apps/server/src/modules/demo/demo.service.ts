import type { DbHandle } from '../../db/client';

export const demoLogins = [
  { username: 'admin', description: 'group administrator' },
  { username: 'manager1', description: 'city manager (the city of am1 and am2)' },
  { username: 'am1', description: 'account manager with a key-account portfolio' },
  { username: 'am2', description: 'account manager with a key-account portfolio' },
  { username: 'agent1', description: 'hotline agent' },
  { username: 'backoffice1', description: 'back-office department' },
  { username: 'quality1', description: 'quality supervision' },
  { username: 'marketing1', description: 'marketing analyst' },
  { username: 'finance1', description: 'finance' },
];

export async function loadDemoOperator(_opts: {
  handle: DbHandle;
  customers: number;
  progress: boolean;
}): Promise<void> {
  throw new Error('not implemented yet');
}

import { conflict, notFound } from '../../platform/errors';

export const rewardNotFound = () => notFound('loyalty.reward_not_found', 'Reward not found');
export const insufficientPoints = (balance: number, points: number) =>
  conflict('loyalty.insufficient_points', `quantity: needs ${points} points, the balance is ${balance}`, [
    { path: 'quantity', message: `needs ${points} points, the balance is ${balance}` },
  ]);
export const outOfStock = (stock: number | null) =>
  conflict('loyalty.out_of_stock', `quantity: only ${stock ?? 0} left in stock`, [
    { path: 'quantity', message: `only ${stock ?? 0} left in stock` },
  ]);
export const rewardInactive = () =>
  conflict('loyalty.reward_inactive', 'rewardId: the reward is withdrawn', [
    { path: 'rewardId', message: 'the reward is withdrawn' },
  ]);
export const notAttended = () =>
  conflict('loyalty.not_attended', 'eventId: the customer did not attend this event', [
    { path: 'eventId', message: 'the customer did not attend this event' },
  ]);
export const selfReferral = () =>
  conflict('loyalty.self_referral', 'referredCustomerId: a customer cannot refer itself', [
    { path: 'referredCustomerId', message: 'a customer cannot refer itself' },
  ]);
export const rewardNotValid = (reason: 'not_yet_valid' | 'expired', from: string | null, to: string | null) =>
  conflict(
    'loyalty.reward_not_valid',
    reason === 'expired' ? `rewardId: the reward ended on ${to}` : `rewardId: the reward starts on ${from}`,
    [{ path: 'rewardId', message: reason === 'expired' ? `ended on ${to}` : `starts on ${from}` }],
  );

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, newIdempotencyKey } from '../../api/client';

export type LoyaltyMovement = {
  id: number;
  kind: 'earn_bill' | 'bonus_event' | 'bonus_referral' | 'redeem' | 'expire' | 'adjust';
  points: number;
  balanceAfter: number;
  sourceKey: string;
  billId: number | null;
  paidFen: number | null;
  multiplierPct: number | null;
  bookedOn: string;
  expiresOn: string | null;
  note: string | null;
  createdAt: string;
};
export type LoyaltyStatement = {
  customerId: number;
  member: boolean;
  balance: number;
  earnedTotal: number;
  redeemedTotal: number;
  expiredTotal: number;
  expiringOn: string;
  expiringPoints: number;
  items: LoyaltyMovement[];
  total: number;
};
export type Reward = {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
  pointsCost: number;
  stock: number | null;
  validFrom: string | null;
  validTo: string | null;
  active: boolean;
  redeemable: boolean;
};
export type RewardInput = Omit<Reward, 'id' | 'redeemable'>;
export type RewardStatus = 'redeemable' | 'active' | 'inactive';

export const loyaltyKeys = {
  statement: (customerId: number, page: number, size: number) => ['loyalty', 'statement', customerId, page, size],
  customer: (customerId: number) => ['loyalty', 'statement', customerId],
  rewards: ['loyalty', 'rewards'] as const,
};

export const useLoyaltyStatement = (customerId: number, page: number, size: number) =>
  useQuery({
    queryKey: loyaltyKeys.statement(customerId, page, size),
    queryFn: () =>
      api.get<LoyaltyStatement>(`/api/customers/${customerId}/loyalty`, { limit: size, offset: (page - 1) * size }),
    placeholderData: keepPreviousData,
  });

export const useRewards = (filter: { q?: string; status?: RewardStatus; page: number; size: number }, enabled = true) =>
  useQuery({
    queryKey: [...loyaltyKeys.rewards, filter],
    queryFn: () =>
      api.get<{ items: Reward[]; total: number }>('/api/loyalty/rewards', {
        q: filter.q || undefined,
        status: filter.status,
        limit: filter.size,
        offset: (filter.page - 1) * filter.size,
      }),
    placeholderData: keepPreviousData,
    enabled,
  });

export type RedemptionResult = {
  id: number;
  rewardId: number;
  rewardCode: string;
  rewardNameZh: string;
  rewardNameEn: string;
  quantity: number;
  points: number;
  balance: number;
  stockLeft: number | null;
};

/** Redeems at the counter; one Idempotency-Key per dialog, so a retried click never redeems twice. */
export function useRedeem(customerId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { rewardId: number; quantity: number; key: string }) =>
      api.post<RedemptionResult>(
        `/api/customers/${customerId}/loyalty/redemptions`,
        { rewardId: v.rewardId, quantity: v.quantity },
        { idempotencyKey: v.key },
      ),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: loyaltyKeys.customer(customerId) });
      await qc.invalidateQueries({ queryKey: loyaltyKeys.rewards });
    },
  });
}

export function useSaveReward() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id?: number; input: Partial<RewardInput> }) =>
      v.id
        ? api.patch<Reward>(`/api/loyalty/rewards/${v.id}`, v.input)
        : api.post<Reward>('/api/loyalty/rewards', v.input, { idempotencyKey: newIdempotencyKey() }),
    onSuccess: () => qc.invalidateQueries({ queryKey: loyaltyKeys.rewards }),
  });
}

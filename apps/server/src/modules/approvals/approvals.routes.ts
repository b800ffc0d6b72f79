import { approvalLimit, approvalLimitInput, approvalLimitListQuery } from '@crm/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context';
import type { RouteDeps } from '../../platform/deps';
import { forbidden } from '../../platform/errors';
import { listApprovalLimits, putApprovalLimit } from './approvals.service';

export function registerApprovalRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const tags = ['approvals'];

  r.get(
    '/api/approval-limits',
    {
      schema: {
        tags,
        description:
          'Approval authority: the largest amount each approver role (at an org level) may approve, per kind.',
        querystring: approvalLimitListQuery,
        response: { 200: z.array(approvalLimit) },
      },
    },
    async (request) => {
      const ctx = ctxOf(request, db);
      if (!ctx.can('commitments.approve') && !ctx.can('approvals.manage')) throw forbidden();
      return listApprovalLimits({ ctx, kind: request.query.kind });
    },
  );
  r.put(
    '/api/approval-limits',
    {
      schema: {
        tags,
        description:
          'Sets one approval limit (maxAmountFen null: unlimited); administrators only, versioned and audited.',
        body: approvalLimitInput,
        response: { 200: approvalLimit },
      },
    },
    async (request) => putApprovalLimit({ ctx: ctxOf(request, db, 'approvals.manage'), input: request.body }),
  );
}

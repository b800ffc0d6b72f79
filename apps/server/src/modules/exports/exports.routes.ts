import { billExportQuery, customerExportQuery } from '@crm/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/context';
import type { RouteDeps } from '../../platform/deps';
import { exportBills, exportCustomers, fileNameOf, streamDownload } from './exports.service';

export function registerExportRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;

  r.get(
    '/api/customers/export',
    { schema: { tags: ['exports'], querystring: customerExportQuery } },
    async (request, reply) => {
      const ctx = ctxOf(request, db, 'data.export');
      const query = request.query;
      return streamDownload(reply, fileNameOf('customers', query.format), query.format, (out) =>
        exportCustomers({ ctx, query, out }),
      );
    },
  );

  r.get(
    '/api/bills/export',
    { schema: { tags: ['exports'], querystring: billExportQuery } },
    async (request, reply) => {
      const ctx = ctxOf(request, db, 'data.export');
      const query = request.query;
      return streamDownload(reply, fileNameOf('bills', query.format), query.format, (out) =>
        exportBills({ ctx, query, out }),
      );
    },
  );
}

import { billExportQuery, customerExportQuery, exportJob, idParam } from '@crm/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/context';
import type { RouteDeps } from '../../platform/deps';
import { exportSettings, getExport, openExportFile, startExport } from './export-jobs.service';
import { countExport, exportBills, exportCustomers, fileNameOf, streamDownload } from './exports.service';

export function registerExportRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const settings = exportSettings(deps.config);

  // Immediate downloads (small lists, integrations): counted and validated before the first byte, capped like jobs.
  r.get(
    '/api/customers/export',
    { schema: { tags: ['exports'], querystring: customerExportQuery } },
    async (request, reply) => {
      const ctx = ctxOf(request, db, 'data.export');
      const query = request.query;
      await countExport({ ctx, kind: 'customers', query, maxRows: settings.maxRows });
      return streamDownload(reply, fileNameOf('customers', query.format), query.format, (out) =>
        exportCustomers({ ctx, query, out, maxRows: settings.maxRows }),
      );
    },
  );

  r.get(
    '/api/bills/export',
    { schema: { tags: ['exports'], querystring: billExportQuery } },
    async (request, reply) => {
      const ctx = ctxOf(request, db, 'data.export');
      const query = request.query;
      await countExport({ ctx, kind: 'bills', query, maxRows: settings.maxRows });
      return streamDownload(reply, fileNameOf('bills', query.format), query.format, (out) =>
        exportBills({ ctx, query, out, maxRows: settings.maxRows }),
      );
    },
  );

  // Exports as durable jobs (the web app's export buttons): start, follow the progress, download the file.
  r.post(
    '/api/exports/customers',
    { schema: { tags: ['exports'], querystring: customerExportQuery, response: { 202: exportJob } } },
    async (request, reply) => {
      const ctx = ctxOf(request, db, 'data.export');
      return reply.status(202).send(
        await startExport({
          ctx,
          kind: 'customers',
          query: request.query,
          settings,
          readLsn: await deps.handle.reads?.currentWriteLsn(),
        }),
      );
    },
  );

  r.post(
    '/api/exports/bills',
    { schema: { tags: ['exports'], querystring: billExportQuery, response: { 202: exportJob } } },
    async (request, reply) => {
      const ctx = ctxOf(request, db, 'data.export');
      return reply.status(202).send(
        await startExport({
          ctx,
          kind: 'bills',
          query: request.query,
          settings,
          readLsn: await deps.handle.reads?.currentWriteLsn(),
        }),
      );
    },
  );

  r.get(
    '/api/exports/:id',
    { schema: { tags: ['exports'], params: idParam, response: { 200: exportJob } } },
    async (request) => getExport({ ctx: ctxOf(request, db, 'data.export'), id: request.params.id, settings }),
  );

  r.get('/api/exports/:id/file', { schema: { tags: ['exports'], params: idParam } }, async (request, reply) => {
    const ctx = ctxOf(request, db, 'data.export');
    const file = await openExportFile({ ctx, id: request.params.id, settings });
    return reply
      .header('content-type', file.contentType)
      .header('content-length', file.sizeBytes)
      .header(
        'content-disposition',
        `attachment; filename="${file.fileName}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      )
      .header('cache-control', 'no-store')
      .send(file.stream);
  });
}

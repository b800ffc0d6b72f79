import {
  exportFormats,
  exportLang,
  type ImportField,
  idParam,
  importDryRunRequest,
  importEntities,
  importErrorPage,
  importFields,
  importListQuery,
  importRun,
  importRunPage,
  pageQuery,
} from '@crm/contracts';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context';
import type { RouteDeps } from '../../platform/deps';
import { badRequest } from '../../platform/errors';
import { streamDownload, writeTable } from '../exports/exports.service';
import {
  errorReport,
  getImport,
  importLimits,
  listImportErrors,
  listImports,
  requestCommit,
  requestDryRun,
  uploadImport,
} from './imports.service';

const entityQuery = z.object({ entity: z.enum(importEntities) });
const numeric = (f: ImportField) => f.kind === 'yuan' || f.kind === 'int';

export function registerImportRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { db } = deps;
  const limits = importLimits(deps.config);
  // Multipart parsing only for the upload route's plugin scope.
  app.register(async (scoped) => {
    await scoped.register(fastifyMultipart, { limits: { fileSize: limits.maxBytes, files: 1, fields: 10 } });
    scoped.withTypeProvider<ZodTypeProvider>().post(
      '/api/imports',
      {
        schema: {
          tags: ['imports'],
          description:
            'Upload a .csv or .xlsx file (multipart field "file"); answers its headers and proposed mapping.',
          querystring: entityQuery,
          response: { 201: importRun },
        },
      },
      async (request, reply) => {
        const ctx = ctxOf(request, db, 'data.import');
        if (!request.isMultipart()) throw badRequest('imports.no_file', 'Send the file as multipart/form-data');
        const file = await request.file();
        if (!file) throw badRequest('imports.no_file', 'No file in the request');
        const run = await uploadImport({
          ctx,
          limits,
          entity: request.query.entity,
          fileName: file.filename,
          stream: file.file,
          truncated: () => file.file.truncated,
        });
        return reply.status(201).send(run);
      },
    );
  });

  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/imports',
    { schema: { tags: ['imports'], querystring: importListQuery, response: { 200: importRunPage } } },
    async (request) => listImports({ ctx: ctxOf(request, db, 'data.import'), query: request.query }),
  );

  r.get(
    '/api/imports/:id',
    { schema: { tags: ['imports'], params: idParam, response: { 200: importRun } } },
    async (request) => getImport({ ctx: ctxOf(request, db, 'data.import'), id: request.params.id }),
  );

  r.post(
    '/api/imports/:id/dry-run',
    { schema: { tags: ['imports'], params: idParam, body: importDryRunRequest, response: { 202: importRun } } },
    async (request, reply) =>
      reply
        .status(202)
        .send(
          await requestDryRun({ ctx: ctxOf(request, db, 'data.import'), id: request.params.id, input: request.body }),
        ),
  );

  r.post(
    '/api/imports/:id/commit',
    { schema: { tags: ['imports'], params: idParam, response: { 202: importRun } } },
    async (request, reply) =>
      reply.status(202).send(await requestCommit({ ctx: ctxOf(request, db, 'data.import'), id: request.params.id })),
  );

  r.get(
    '/api/imports/:id/errors',
    { schema: { tags: ['imports'], params: idParam, querystring: pageQuery, response: { 200: importErrorPage } } },
    async (request) =>
      listImportErrors({ ctx: ctxOf(request, db, 'data.import'), id: request.params.id, ...request.query }),
  );

  r.get(
    '/api/imports/:id/errors.csv',
    { schema: { tags: ['imports'], params: idParam, querystring: z.object({ lang: exportLang }) } },
    async (request, reply) => {
      const ctx = ctxOf(request, db, 'data.import');
      const report = await errorReport({ ctx, id: request.params.id, lang: request.query.lang });
      return streamDownload(reply, report.fileName, 'csv', async (out) => {
        for await (const chunk of report.chunks)
          if (!out.write(chunk)) await new Promise((res) => out.once('drain', res));
        out.end();
      });
    },
  );

  r.get(
    '/api/imports/templates/:entity',
    {
      schema: {
        tags: ['imports'],
        params: entityQuery,
        querystring: z.object({ format: z.enum(exportFormats).default('xlsx'), lang: exportLang }),
      },
    },
    async (request, reply) => {
      ctxOf(request, db, 'data.import');
      const { entity } = request.params;
      const { format, lang } = request.query;
      const fields = importFields[entity];
      const example = fields.map((f) => f.example ?? '');
      return streamDownload(reply, `import-template-${entity}.${format}`, format, (out) =>
        writeTable<string[]>({
          format,
          lang,
          sheetName: entity,
          columns: fields.map((f, i) => ({
            zh: f.zh,
            en: f.en,
            // Amounts and counts as numbers, so Excel does not flag the example as "number stored as text".
            cell: (row) => (!row[i] ? null : numeric(f) && format === 'xlsx' ? Number(row[i]) : row[i]),
          })),
          textColumns: fields.map((f, i) => (numeric(f) ? -1 : i)).filter((i) => i >= 0),
          out,
          produce: (sink) => sink([example]),
        }),
      );
    },
  );
}

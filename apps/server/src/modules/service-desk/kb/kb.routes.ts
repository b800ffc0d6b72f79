import {
  idParam,
  kbArticle,
  kbArticleInput,
  kbArticlePage,
  kbCategory,
  kbCategoryInput,
  kbSearchQuery,
  kbSuggestQuery,
  kbUse,
  kbVote,
} from '@crm/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../../platform/context';
import type { RouteDeps } from '../../../platform/deps';
import {
  createKbCategory,
  getArticle,
  listKbCategories,
  saveArticle,
  searchKb,
  suggestKb,
  useArticle,
  voteArticle,
} from './kb.service';

export function registerKbRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const tags = ['knowledge-base'];

  r.get(
    '/api/kb/articles',
    {
      schema: {
        tags,
        description: 'Substring search (Chinese included) over title and body.',
        querystring: kbSearchQuery,
        response: { 200: kbArticlePage },
      },
    },
    async (request) => searchKb({ ctx: ctxOf(request, db, 'tickets.read'), query: request.query }),
  );
  r.get(
    '/api/kb/suggestions',
    {
      schema: {
        tags,
        description:
          "Published articles for a ticket's text (title, description, category): any word matching, those matching more words and in the title first.",
        querystring: kbSuggestQuery,
        response: { 200: kbArticlePage },
      },
    },
    async (request) => suggestKb({ ctx: ctxOf(request, db, 'tickets.read'), query: request.query }),
  );
  r.get('/api/kb/articles/:id', { schema: { tags, params: idParam, response: { 200: kbArticle } } }, async (request) =>
    getArticle({ ctx: ctxOf(request, db, 'tickets.read'), id: request.params.id }),
  );
  r.post(
    '/api/kb/articles',
    { schema: { tags, body: kbArticleInput, response: { 201: kbArticle } } },
    async (request, reply) =>
      reply.status(201).send(await saveArticle({ ctx: ctxOf(request, db, 'kb.manage'), input: request.body })),
  );
  r.patch(
    '/api/kb/articles/:id',
    { schema: { tags, params: idParam, body: kbArticleInput, response: { 200: kbArticle } } },
    async (request) =>
      saveArticle({ ctx: ctxOf(request, db, 'kb.manage'), id: request.params.id, input: request.body }),
  );
  r.post(
    '/api/kb/articles/:id/use',
    { schema: { tags, params: idParam, body: kbUse, response: { 200: kbArticle } } },
    async (request) =>
      useArticle({ ctx: ctxOf(request, db, 'tickets.read'), id: request.params.id, ticketId: request.body.ticketId }),
  );
  r.post(
    '/api/kb/articles/:id/vote',
    { schema: { tags, params: idParam, body: kbVote, response: { 200: kbArticle } } },
    async (request) =>
      voteArticle({ ctx: ctxOf(request, db, 'tickets.read'), id: request.params.id, helpful: request.body.helpful }),
  );
  r.get('/api/kb/categories', { schema: { tags, response: { 200: z.array(kbCategory) } } }, async (request) => {
    ctxOf(request, db, 'tickets.read');
    return listKbCategories({ db });
  });
  r.post(
    '/api/kb/categories',
    { schema: { tags, body: kbCategoryInput, response: { 201: kbCategory } } },
    async (request, reply) =>
      reply.status(201).send(await createKbCategory({ ctx: ctxOf(request, db, 'kb.manage'), input: request.body })),
  );
}

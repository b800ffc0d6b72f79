// Knowledge base: articles in zh-CN / en with categories and product tags, substring search from the ticket screen,
// usage counts (an article used to answer a ticket), helpful votes and review dates.
import type { KbArticle } from '@crm/contracts';
import type { DbOrTx } from '../../../db/client';
import type { RequestCtx } from '../../../platform/context';
import { invalidField, notFound } from '../../../platform/errors';
import { recordAudit } from '../../audit/audit.service';
import { ticketNotFound, userNames, viewerOf } from '../desk.service';
import { findTicketSummary } from '../tickets/tickets.queries';
import * as ticketsRepo from '../tickets/tickets.repository';
import { suggestionTermsOf } from './kb.models';
import * as repo from './kb.repository';

const articleNotFound = () => notFound('kb.article_not_found', 'Article not found');

async function toArticles(db: DbOrTx, rows: repo.ArticleViewRow[], en = false): Promise<KbArticle[]> {
  const names = await userNames(
    db,
    rows.map((r) => r.authorId),
  );
  return rows.map(({ categoryNameZh, categoryNameEn, authorId, ...r }) => ({
    ...r,
    categoryName: (en ? categoryNameEn : categoryNameZh) ?? null,
    authorName: authorId ? (names.get(authorId) ?? null) : null,
    updatedAt: r.updatedAt.toISOString(),
  }));
}

const todayShanghai = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

export async function searchKb(opts: {
  ctx: RequestCtx;
  query: {
    q?: string;
    locale?: 'zh-CN' | 'en';
    categoryId?: number;
    productTag?: string;
    reviewDue?: boolean;
    limit: number;
    offset: number;
  };
}) {
  const { ctx, query } = opts;
  const { items, total } = await repo.searchArticles(ctx.db, {
    ...query,
    reviewDueBy: query.reviewDue ? todayShanghai() : undefined,
    publishedOnly: !ctx.can('kb.manage'),
  });
  return { items: await toArticles(ctx.db, items, query.locale === 'en'), total };
}

/**
 * Articles for the ticket on screen: the words of its title, description and category, any one matching, ranked by
 * how many match and how many are in the title (`repo.searchArticles`). Published articles only.
 */
export async function suggestKb(opts: {
  ctx: RequestCtx;
  query: { ticketId: number; locale?: 'zh-CN' | 'en'; limit: number };
}) {
  const { ctx, query } = opts;
  const summary = await findTicketSummary(ctx.db, viewerOf(ctx), query.ticketId);
  if (!summary) throw ticketNotFound();
  const ticket = await ticketsRepo.findTicketRow(ctx.db, query.ticketId);
  const category = query.locale === 'en' ? summary.categoryNameEn : summary.categoryName;
  const anyOf = suggestionTermsOf([summary.title, ticket?.description ?? '', category ?? ''].join('。'));
  if (anyOf.length === 0) return { items: [], total: 0 };
  const { items, total } = await repo.searchArticles(ctx.db, {
    anyOf,
    locale: query.locale,
    publishedOnly: true,
    limit: query.limit,
    offset: 0,
  });
  return { items: await toArticles(ctx.db, items, query.locale === 'en'), total };
}

export async function getArticle(opts: { ctx: RequestCtx; id: number }): Promise<KbArticle> {
  const row = await repo.findArticleView(opts.ctx.db, opts.id);
  if (!row || (row.status !== 'published' && !opts.ctx.can('kb.manage'))) throw articleNotFound();
  return (await toArticles(opts.ctx.db, [row], row.locale === 'en'))[0];
}

type ArticleInput = {
  categoryId?: number | null;
  locale: 'zh-CN' | 'en';
  title: string;
  body: string;
  productTags: string[];
  status: 'draft' | 'published' | 'archived';
  reviewDueDate?: string | null;
};

export async function saveArticle(opts: { ctx: RequestCtx; id?: number; input: ArticleInput }): Promise<KbArticle> {
  const { ctx, id, input } = opts;
  const saved = await ctx.db.transaction(async (tx) => {
    if (input.categoryId && !(await repo.findKbCategory(tx, input.categoryId)))
      throw invalidField('categoryId', 'category not found');
    const values = {
      ...input,
      categoryId: input.categoryId ?? null,
      reviewDueDate: input.reviewDueDate ?? null,
      productTags: [...new Set(input.productTags)],
    };
    if (id === undefined) {
      const after = await repo.insertArticle(tx, { ...values, authorId: ctx.user.id });
      await recordAudit({
        tx,
        actor: ctx.actor,
        action: 'create',
        entity: 'kb_article',
        entityId: after.id,
        before: null,
        after,
      });
      return after;
    }
    const before = await repo.findArticle(tx, id);
    if (!before) throw articleNotFound();
    const after = await repo.updateArticle(tx, id, values);
    await recordAudit({ tx, actor: ctx.actor, action: 'update', entity: 'kb_article', entityId: id, before, after });
    return after;
  });
  return getArticle({ ctx, id: saved.id });
}

/** The agent used the article to answer (optionally on a ticket, which shows it in the timeline). */
export async function useArticle(opts: { ctx: RequestCtx; id: number; ticketId?: number | null }): Promise<KbArticle> {
  const { ctx, id, ticketId } = opts;
  await ctx.db.transaction(async (tx) => {
    const article = await repo.findArticle(tx, id);
    if (article?.status !== 'published') throw articleNotFound();
    if (ticketId && !(await findTicketSummary(tx, viewerOf(ctx), ticketId)))
      throw invalidField('ticketId', 'ticket not found');
    await repo.recordUsage(tx, { articleId: id, ticketId: ticketId ?? null, userId: ctx.user.id });
    if (ticketId)
      await ticketsRepo.insertEvent(tx, {
        ticketId,
        kind: 'kb_used',
        actorUserId: ctx.user.id,
        actorName: ctx.user.displayName,
        text: article.title,
        data: { articleId: id },
      });
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'use',
      entity: 'kb_article',
      entityId: id,
      before: { usageCount: article.usageCount },
      after: { usageCount: article.usageCount + 1, ticketId: ticketId ?? null },
    });
  });
  return getArticle({ ctx, id });
}

export async function voteArticle(opts: { ctx: RequestCtx; id: number; helpful: boolean }): Promise<KbArticle> {
  const { ctx, id, helpful } = opts;
  await ctx.db.transaction(async (tx) => {
    const article = await repo.findArticle(tx, id);
    if (article?.status !== 'published') throw articleNotFound();
    if (await repo.vote(tx, id, ctx.user.id, helpful))
      await recordAudit({
        tx,
        actor: ctx.actor,
        action: 'vote',
        entity: 'kb_article',
        entityId: id,
        before: null,
        after: { helpful },
      });
  });
  return getArticle({ ctx, id });
}

export const listKbCategories = async (opts: { db: DbOrTx }) =>
  (await repo.listKbCategories(opts.db)).map((c) => ({
    id: c.id,
    parentId: c.parentId,
    nameZh: c.nameZh,
    nameEn: c.nameEn,
  }));

export async function createKbCategory(opts: {
  ctx: RequestCtx;
  input: { parentId?: number | null; nameZh: string; nameEn: string };
}) {
  const { ctx, input } = opts;
  return ctx.db.transaction(async (tx) => {
    if (input.parentId && !(await repo.findKbCategory(tx, input.parentId)))
      throw invalidField('parentId', 'category not found');
    const row = await repo.insertKbCategory(tx, { ...input, parentId: input.parentId ?? null });
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'create',
      entity: 'kb_category',
      entityId: row.id,
      before: null,
      after: row,
    });
    return { id: row.id, parentId: row.parentId, nameZh: row.nameZh, nameEn: row.nameEn };
  });
}

import { and, asc, desc, eq, or, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { likePatternOf, searchTermsOf, segmentsOf } from './kb.models';
import { kbArticles, kbCategories, kbUsages, kbVotes } from './kb.table';

export type ArticleRow = typeof kbArticles.$inferSelect;

export const listKbCategories = (db: DbOrTx) => db.select().from(kbCategories).orderBy(asc(kbCategories.id));
export const findKbCategory = async (db: DbOrTx, id: number) =>
  (await db.select().from(kbCategories).where(eq(kbCategories.id, id)))[0];
export async function insertKbCategory(db: DbOrTx, values: typeof kbCategories.$inferInsert) {
  const [row] = await db.insert(kbCategories).values(values).returning();
  return row;
}

const columns = {
  id: kbArticles.id,
  categoryId: kbArticles.categoryId,
  categoryNameZh: kbCategories.nameZh,
  categoryNameEn: kbCategories.nameEn,
  locale: kbArticles.locale,
  title: kbArticles.title,
  body: kbArticles.body,
  productTags: kbArticles.productTags,
  status: kbArticles.status,
  reviewDueDate: kbArticles.reviewDueDate,
  usageCount: kbArticles.usageCount,
  helpfulCount: kbArticles.helpfulCount,
  notHelpfulCount: kbArticles.notHelpfulCount,
  authorId: kbArticles.authorId,
  updatedAt: kbArticles.updatedAt,
};

const base = (db: DbOrTx) =>
  db.select(columns).from(kbArticles).leftJoin(kbCategories, eq(kbCategories.id, kbArticles.categoryId));

export type ArticleViewRow = Awaited<ReturnType<ReturnType<typeof base>['execute']>>[number];

export type ArticleFilter = {
  /** A search: every term must match. */
  q?: string;
  /** Suggestions (a ticket's words): any one must match. Ignored when `q` is given. */
  anyOf?: string[];
  locale?: 'zh-CN' | 'en';
  categoryId?: number;
  productTag?: string;
  reviewDueBy?: string;
  publishedOnly: boolean;
  limit: number;
  offset: number;
};

const oneIf = (condition: SQL | undefined) => sql`(case when ${condition} then 1 else 0 end)`;
const sumOf = (parts: SQL[]) => (parts.length ? sql`(${sql.join(parts, sql` + `)})` : sql`0`);

/**
 * Multi-term search over title and body (any language, Chinese included): with `q` every term must occur (ILIKE on
 * the expression the pg_trgm GIN index covers, one condition per term; a Chinese term also when all its words occur
 * apart), with `anyOf` (a ticket's words) one is enough. Ranked by relevance: the articles matching more terms first,
 * then those with more of them in the title, then those containing more terms verbatim, then the most used and
 * most helpful.
 */
export async function searchArticles(db: DbOrTx, f: ArticleFilter) {
  const all = searchTermsOf(f.q);
  const terms = all.length > 0 ? all : (f.anyOf ?? []);
  const text = sql`(${kbArticles.title} || ' ' || ${kbArticles.body})`;
  const ilike = (column: SQL | typeof kbArticles.title, term: string) => sql`${column} ilike ${likePatternOf(term)}`;
  // A term matches as a whole, or (Chinese) when all its words occur somewhere in the article (or its title).
  const matchIn = (column: SQL | typeof kbArticles.title, term: string) => {
    const words = segmentsOf(term);
    if (words.length <= 1) return ilike(column, term);
    return or(ilike(column, term), and(...words.map((w) => ilike(column, w))));
  };
  const inText = terms.map((term) => matchIn(text, term));
  const termsWhere = all.length > 0 ? and(...inText) : terms.length > 0 ? or(...inText) : undefined;
  const where: SQL | undefined = and(
    termsWhere,
    f.locale ? eq(kbArticles.locale, f.locale) : undefined,
    f.categoryId ? eq(kbArticles.categoryId, f.categoryId) : undefined,
    f.productTag ? sql`${kbArticles.productTags} @> array[${f.productTag}]::text[]` : undefined,
    f.reviewDueBy ? sql`${kbArticles.reviewDueDate} <= ${f.reviewDueBy}::date` : undefined,
    f.publishedOnly ? eq(kbArticles.status, 'published') : undefined,
  );
  const relevance =
    terms.length > 0
      ? [
          desc(sumOf(inText.map(oneIf))),
          desc(sumOf(terms.map((term) => oneIf(matchIn(kbArticles.title, term))))),
          desc(sumOf(terms.map((term) => oneIf(ilike(text, term))))),
        ]
      : [];
  const order = [...relevance, desc(kbArticles.usageCount), desc(kbArticles.helpfulCount), asc(kbArticles.id)];
  const [items, [{ total }]] = await Promise.all([
    base(db)
      .where(where)
      .orderBy(...order)
      .limit(f.limit)
      .offset(f.offset),
    db.select({ total: sql<number>`count(*)::int` }).from(kbArticles).where(where),
  ]);
  return { items, total: Number(total) };
}

export async function findArticleView(db: DbOrTx, id: number) {
  const [row] = await base(db).where(eq(kbArticles.id, id));
  return row;
}
export const findArticle = async (db: DbOrTx, id: number) =>
  (await db.select().from(kbArticles).where(eq(kbArticles.id, id)))[0];

export async function insertArticle(db: DbOrTx, values: typeof kbArticles.$inferInsert): Promise<ArticleRow> {
  const [row] = await db.insert(kbArticles).values(values).returning();
  return row;
}
export async function updateArticle(db: DbOrTx, id: number, values: Partial<typeof kbArticles.$inferInsert>) {
  const [row] = await db
    .update(kbArticles)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(kbArticles.id, id))
    .returning();
  return row;
}

export async function recordUsage(db: DbOrTx, values: typeof kbUsages.$inferInsert) {
  await db.insert(kbUsages).values(values);
  await db
    .update(kbArticles)
    .set({ usageCount: sql`${kbArticles.usageCount} + 1` })
    .where(eq(kbArticles.id, values.articleId));
}

/** One vote per user: a changed vote moves the counters, a repeated one changes nothing. */
export async function vote(db: DbOrTx, articleId: number, userId: number, helpful: boolean) {
  const [prev] = await db
    .select()
    .from(kbVotes)
    .where(and(eq(kbVotes.articleId, articleId), eq(kbVotes.userId, userId)))
    .for('update');
  if (prev?.helpful === helpful) return false;
  await db
    .insert(kbVotes)
    .values({ articleId, userId, helpful })
    .onConflictDoUpdate({ target: [kbVotes.articleId, kbVotes.userId], set: { helpful, at: new Date() } });
  const delta = (v: boolean) => (helpful === v ? 1 : prev && prev.helpful === v ? -1 : 0);
  await db
    .update(kbArticles)
    .set({
      helpfulCount: sql`${kbArticles.helpfulCount} + ${delta(true)}`,
      notHelpfulCount: sql`${kbArticles.notHelpfulCount} + ${delta(false)}`,
    })
    .where(eq(kbArticles.id, articleId));
  return true;
}

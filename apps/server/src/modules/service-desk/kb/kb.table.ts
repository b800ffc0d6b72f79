import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from '../../org/org.table';

export const kbCategories = pgTable('kb_categories', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  parentId: integer('parent_id'),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
});

/** Knowledge-base articles (zh-CN or en), searched by substring through a pg_trgm GIN index. */
export const kbArticles = pgTable(
  'kb_articles',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    categoryId: integer('category_id').references(() => kbCategories.id),
    locale: text('locale', { enum: ['zh-CN', 'en'] }).notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** Product offering codes or families the article is about. */
    productTags: text('product_tags').array().notNull().default(sql`'{}'::text[]`),
    status: text('status', { enum: ['draft', 'published', 'archived'] })
      .notNull()
      .default('published'),
    reviewDueDate: date('review_due_date'),
    usageCount: integer('usage_count').notNull().default(0),
    helpfulCount: integer('helpful_count').notNull().default(0),
    notHelpfulCount: integer('not_helpful_count').notNull().default(0),
    authorId: integer('author_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('kb_articles_search_trgm_idx').using('gin', sql`(${t.title} || ' ' || ${t.body}) gin_trgm_ops`),
    index('kb_articles_tags_idx').using('gin', t.productTags),
    index('kb_articles_review_idx').on(t.reviewDueDate),
  ],
);

/** One helpful / not-helpful vote per user and article. */
export const kbVotes = pgTable(
  'kb_votes',
  {
    articleId: integer('article_id')
      .notNull()
      .references(() => kbArticles.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    helpful: boolean('helpful').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.userId] })],
);

/** An article used to answer a ticket (usage count, which answers help). */
export const kbUsages = pgTable(
  'kb_usages',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    articleId: integer('article_id')
      .notNull()
      .references(() => kbArticles.id, { onDelete: 'cascade' }),
    ticketId: integer('ticket_id'),
    userId: integer('user_id').references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('kb_usages_article_idx').on(t.articleId, t.at)],
);

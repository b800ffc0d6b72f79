import { integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from '../../org/org.table';

/**
 * OAuth 2.0 clients (client credentials grant) of BSS integrations, registered by administrators. A client acts as its
 * configured user: its access tokens carry that user's role and row scope. The secret is stored hashed.
 */
export const oauthClients = pgTable(
  'oauth_clients',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    clientId: text('client_id').notNull(),
    name: text('name').notNull(),
    /** SHA-256 of the client secret (a random 256-bit value, like API tokens), never the secret itself. */
    secretHash: text('secret_hash').notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    /** Lifetime of the access tokens issued to this client. */
    tokenTtlSeconds: integer('token_ttl_seconds').notNull().default(3600),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('oauth_clients_client_id_uq').on(t.clientId)],
);

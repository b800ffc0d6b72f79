-- The feature snapshot is keyed by what identifies a row (period, feature-set version, customer): the surrogate id and
-- its index go, and so do the customer index and the foreign key to customers (a derived, re-computable table; see
-- docs/decisions/0023-churn-snapshot-derived-table.md). The id column goes first, with its primary key.
ALTER TABLE "churn_feature_snapshots" DROP CONSTRAINT "churn_feature_snapshots_customer_id_customers_id_fk";--> statement-breakpoint
DROP INDEX "churn_feature_snapshots_customer_idx";--> statement-breakpoint
ALTER TABLE "churn_feature_snapshots" DROP COLUMN "id";--> statement-breakpoint
DROP INDEX "churn_feature_snapshots_uq";--> statement-breakpoint
ALTER TABLE "churn_feature_snapshots" ADD CONSTRAINT "churn_feature_snapshots_pk" PRIMARY KEY("period","feature_set_version","customer_id");

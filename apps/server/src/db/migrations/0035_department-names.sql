-- Data fix: the service desk seeded its departments as 网络部 and 业务支撑 while key-account orders, opportunity notes and
-- the UI said 网络资源部 and 业务支撑部. One list now names them (packages/contracts/src/departments.ts); databases seeded
-- before get the same names. Only names an earlier seed wrote are changed; names an administrator edited stay.
UPDATE "departments" SET "name" = '网络资源部' WHERE "code" = 'network' AND "name" = '网络部';
--> statement-breakpoint
UPDATE "departments" SET "name_en" = 'Network resources' WHERE "code" = 'network' AND "name_en" = 'Network';
--> statement-breakpoint
UPDATE "departments" SET "name" = '业务支撑部' WHERE "code" = 'business_support' AND "name" = '业务支撑';

-- Data fix: databases seeded before the default SLA policies, calendars and grading rule set were named in Chinese
-- keep their old English or mixed names ("大客户投诉 KA complaint"). Rename only rows whose name is still exactly a
-- name an earlier seed wrote; names an administrator has edited are left alone. Running it again changes nothing.
UPDATE "sla_policies" AS p SET "name" = v.new_name
FROM (VALUES
  ('标准服务 Standard', '标准服务'),
  ('标准咨询 Standard consultation', '标准咨询'),
  ('标准投诉 Standard complaint', '标准投诉'),
  ('标准业务受理 Standard service order', '标准业务受理'),
  ('公众故障 Public fault repair', '公众故障修复'),
  ('商业故障 Business fault repair', '商业故障修复'),
  ('大客户故障 KA fault repair', '大客户故障修复'),
  ('大客户咨询 KA consultation', '大客户咨询'),
  ('大客户投诉 KA complaint', '大客户投诉'),
  ('大客户crystal故障时限 KA crystal repair limit', '水晶客户故障修复时限'),
  ('水晶客户故障修复时限 KA crystal repair limit', '水晶客户故障修复时限'),
  ('大客户gold故障时限 KA gold repair limit', '黄金客户故障修复时限'),
  ('黄金客户故障修复时限 KA gold repair limit', '黄金客户故障修复时限'),
  ('大客户gem故障时限 KA gem repair limit', '宝石客户故障修复时限'),
  ('宝石客户故障修复时限 KA gem repair limit', '宝石客户故障修复时限'),
  ('大客户platinum故障时限 KA platinum repair limit', '白金客户故障修复时限'),
  ('白金客户故障修复时限 KA platinum repair limit', '白金客户故障修复时限'),
  ('大客户jade故障时限 KA jade repair limit', '翡翠客户故障修复时限'),
  ('翡翠客户故障修复时限 KA jade repair limit', '翡翠客户故障修复时限'),
  ('大客户diamond故障时限 KA diamond repair limit', '钻石客户故障修复时限'),
  ('钻石客户故障修复时限 KA diamond repair limit', '钻石客户故障修复时限')
) AS v(old_name, new_name)
WHERE p."name" = v.old_name;
--> statement-breakpoint
UPDATE "sla_calendars" AS c SET "name" = v.new_name
FROM (VALUES
  ('24x7', '7x24', '7×24 小时'),
  ('business', '工作时间 Business hours', '工作时间')
) AS v(code, old_name, new_name)
WHERE c."code" = v.code AND c."name" = v.old_name;
--> statement-breakpoint
UPDATE "grading_rule_sets" SET "name" = '默认定级规则'
WHERE "version" = 1 AND "name" = 'Default (DOMAIN.md section 3)';

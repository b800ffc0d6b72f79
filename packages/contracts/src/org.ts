import { z } from 'zod';
import { orgLevels, roles } from './enums';

export const orgUnit = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  level: z.enum(orgLevels),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
});
export type OrgUnit = z.infer<typeof orgUnit>;

export const orgUnitCreate = z.object({
  parentId: z.number().int().positive(),
  level: z.enum(orgLevels),
  code: z.string().trim().min(1).max(32),
  name: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().max(100).optional(),
});

export const user = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  orgUnitId: z.number().int(),
  orgUnitName: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  active: z.boolean(),
});
export type User = z.infer<typeof user>;

export const userCreate = z.object({
  username: z
    .string()
    .trim()
    .regex(/^[a-zA-Z0-9_.-]{3,32}$/, '3-32 letters, digits, _ . -'),
  displayName: z.string().trim().min(1).max(64),
  role: z.enum(roles),
  orgUnitId: z.number().int().positive(),
  password: z.string().min(8).max(128),
  phone: z.string().trim().max(20).optional(),
  email: z.email().optional(),
});
export const userUpdate = userCreate
  .omit({ username: true, password: true })
  .partial()
  .extend({
    active: z.boolean().optional(),
    password: z.string().min(8).max(128).optional(),
  });

export const auditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actorUserId: z.number().int().nullable(),
  actorName: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  changes: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })),
  customerId: z.number().int().nullable(),
  requestId: z.string().nullable(),
  /** The acting user's display name (null for system actors such as jobs without a user: show `actorName`). */
  actorDisplayName: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntry>;

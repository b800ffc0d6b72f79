import { z } from 'zod';
import { roles } from './enums';

export const loginRequest = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

export const currentUser = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  orgUnitId: z.number().int(),
  orgUnitName: z.string(),
  permissions: z.array(z.string()),
});
export type CurrentUser = z.infer<typeof currentUser>;

export const loginResponse = z.object({ user: currentUser, csrfToken: z.string() });
export type LoginResponse = z.infer<typeof loginResponse>;

export const apiTokenCreate = z.object({
  name: z.string().trim().min(1).max(100),
  userId: z.number().int().positive().optional(),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export const apiToken = z.object({
  id: z.number().int(),
  userId: z.number().int(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export const apiTokenCreated = apiToken.extend({ token: z.string() });

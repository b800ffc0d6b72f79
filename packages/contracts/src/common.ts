import { z } from 'zod';

export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z
      .array(
        z.object({
          path: z.string(),
          message: z.string(),
          /** Why the field is invalid (`required`, `too_small`, `too_big`, `invalid_format`, ...): the web localises it. */
          code: z.string().optional(),
          params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
        }),
      )
      .optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBody>;

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(20),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

export const pageOf = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int().nonnegative() });

/** A database id (PostgreSQL integer). */
export const dbId = z.number().int().positive().max(2_147_483_647);
export const idParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;
/** True unless a "YYYY-MM-DD" string names an impossible day (the shape itself is checked by the regex). */
const isCalendarDate = (v: string) => {
  if (!DATE_SHAPE.test(v)) return true;
  const [y, m, d] = v.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return y >= 1900 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};

/** Calendar date "YYYY-MM-DD" (a real date from 1900 on). */
export const isoDate = z
  .string()
  .regex(DATE_SHAPE, 'expected YYYY-MM-DD')
  .refine(isCalendarDate, 'not a calendar date');
/** Billing period "YYYY-MM". */
export const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM');
/** Money in integer fen (1 yuan = 100 fen). */
export const fen = z.number().int().min(0).max(1e13);
export const timestamp = z.string().describe('ISO 8601 timestamp');

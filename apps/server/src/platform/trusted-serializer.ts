import type { FastifySerializerCompiler } from 'fastify/types/schema';
import { type ZodType, z } from 'zod';

type Project = (value: unknown) => unknown;

const same: Project = (value) => value;
const leaves = new Set(['string', 'number', 'int', 'boolean', 'enum', 'literal', 'null']);

/**
 * A function that keeps, recursively, only the keys a response schema declares (objects, arrays, nullable and
 * optional parts, scalar leaves), or null when the schema has a part it cannot follow (unions, records, transforms).
 */
export function projectionOf(schema: ZodType): Project | null {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  if (leaves.has(def.type)) return same;
  if (def.type === 'object') {
    const fields: [string, Project][] = [];
    for (const [key, field] of Object.entries(def.shape as Record<string, ZodType>)) {
      const project = projectionOf(field);
      if (!project) return null;
      fields.push([key, project]);
    }
    return (value) => {
      if (value === null || typeof value !== 'object') return value;
      const out: Record<string, unknown> = {};
      for (const [key, project] of fields) {
        const v = (value as Record<string, unknown>)[key];
        if (v !== undefined) out[key] = project(v);
      }
      return out;
    };
  }
  if (def.type === 'array') {
    const project = projectionOf(def.element as ZodType);
    return project && ((value) => (Array.isArray(value) ? value.map(project) : value));
  }
  if (def.type === 'nullable' || def.type === 'optional') {
    const project = projectionOf(def.innerType as ZodType);
    return project && ((value) => (value === null || value === undefined ? value : project(value)));
  }
  return null;
}

/**
 * The serializer of a hot read route whose answer the server built itself from its own statements (the hotline
 * lookup, the caller card): it writes exactly the fields the response schema declares, recursively, as the zod
 * serializer does, without re-validating every value of a trusted row on every request. Fields the schema does not
 * declare never leave the server. Under the test runner it also validates the answer with the schema and fails like
 * the zod serializer, so a row that drifts from its contract fails the route's tests. Schemas it cannot follow are
 * serialized by zod as before.
 */
export const trustedRowSerializer: FastifySerializerCompiler<unknown> = ({ schema }) => {
  const zodSchema = schema as ZodType;
  const project = projectionOf(zodSchema);
  const validate = process.env.VITEST !== undefined || !project;
  return (data: unknown) => {
    if (validate) {
      const result = zodSchema.safeParse(data);
      if (!result.success) throw new Error(`response does not match its schema: ${z.prettifyError(result.error)}`);
      if (!project) return JSON.stringify(result.data);
    }
    return JSON.stringify(project!(data));
  };
};

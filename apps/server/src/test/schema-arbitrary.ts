import fc from 'fast-check';

// fast-check arbitraries from the JSON Schemas of the OpenAPI document: bodies that follow a route's request schema,
// the same bodies with one field broken, and plain garbage. For the property-based route fuzz test.

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  additionalProperties?: boolean | JsonSchema;
};

/** Values no schema expects: wrong types, extremes, NUL bytes, odd unicode, injection-looking text. */
export const garbageValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    true,
    0,
    -1,
    -2_147_483_649,
    2_147_483_648,
    Number.MAX_SAFE_INTEGER,
    1e308,
    -1e308,
    0.5,
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\uD800',
    '\u202Eevil',
    '😀'.repeat(400),
    'x'.repeat(70_000),
    '2026-02-30',
    '9999-99-99',
    "' or 1=1 --",
    '<script>alert(1)</script>',
    '../../etc/passwd',
    'javascript:alert(1)',
    '=cmd|"/c calc"!A1',
    [],
    {},
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.array(fc.integer(), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
);

/** A value following `schema` (bounded sizes, so valid bodies stay small). */
export function schemaValueOf(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return fc.jsonValue({ maxDepth: 1 });
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants?.length) return fc.oneof(...variants.map((v) => schemaValueOf(v, depth + 1)));
  if (schema.allOf?.length) return schemaValueOf(schema.allOf[0], depth + 1);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object':
      return objectOf(schema, depth);
    case 'array':
      return fc.array(schemaValueOf(schema.items, depth + 1), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 4, Math.max(schema.minItems ?? 0, 4)),
      });
    case 'string':
      return stringOf(schema);
    case 'integer':
      return fc.integer(numberBounds(schema, true));
    case 'number':
      return fc.double({ ...numberBounds(schema, false), noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.jsonValue({ maxDepth: 1 });
  }
}

function objectOf(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {};
  const model = Object.fromEntries(Object.entries(properties).map(([key, s]) => [key, schemaValueOf(s, depth + 1)]));
  return fc.record(model, { requiredKeys: (schema.required ?? []).filter((key) => key in properties) });
}

function stringOf(schema: JsonSchema): fc.Arbitrary<string> {
  const maxLength = Math.min(schema.maxLength ?? 40, 200);
  const minLength = Math.min(schema.minLength ?? 0, maxLength);
  if (schema.format === 'email') return fc.emailAddress();
  if (schema.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
  if (schema.pattern) {
    return fc
      .stringMatching(new RegExp(schema.pattern))
      .filter((s) => s.length >= minLength && s.length <= (schema.maxLength ?? Number.POSITIVE_INFINITY));
  }
  return fc.string({ minLength, maxLength, unit: 'grapheme' });
}

function numberBounds(schema: JsonSchema, integer: boolean): { min: number; max: number } {
  const step = integer ? 1 : 0.001;
  const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + step : -1_000_000);
  const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - step : 1_000_000);
  return { min, max: Math.max(min, max) };
}

/** A schema-following object with one property replaced by garbage, one required property dropped, or one extra. */
function brokenObjectOf(schema: JsonSchema): fc.Arbitrary<unknown> {
  const keys = Object.keys(schema.properties ?? {});
  const valid = schemaValueOf(schema) as fc.Arbitrary<Record<string, unknown>>;
  if (keys.length === 0) return fc.tuple(valid, garbageValue).map(([body, junk]) => ({ ...body, extra: junk }));
  return fc.tuple(valid, fc.constantFrom(...keys), garbageValue, fc.nat(2)).map(([body, key, junk, how]) => {
    if (how === 0) return { ...body, [key]: junk };
    if (how === 1) {
      const { [key]: _dropped, ...rest } = body;
      return rest;
    }
    return { ...body, [`${key}Extra`]: junk };
  });
}

/** Request bodies for a route: valid by its schema, broken in one place, or garbage of any shape. */
export function bodyOf(schema: JsonSchema | undefined): fc.Arbitrary<unknown> {
  if (!schema) return fc.oneof(fc.constant(undefined), garbageValue);
  const broken = schema.type === 'object' ? brokenObjectOf(schema) : garbageValue;
  return fc.oneof(
    { arbitrary: schemaValueOf(schema), weight: 3 },
    { arbitrary: broken, weight: 3 },
    { arbitrary: garbageValue, weight: 1 },
    { arbitrary: fc.constantFrom({}, { notAField: true }), weight: 1 },
    { arbitrary: fc.array(schemaValueOf(schema), { maxLength: 2 }), weight: 1 },
  );
}

/** Path parameter values: a real id (when known) and the usual suspects. */
export function paramOf(real: string | undefined): fc.Arbitrary<string> {
  const odd = fc.constantFrom('0', '-1', '2147483648', '99999999999999999999', 'abc', '1e3', '1.5', '%00', '%20');
  return real === undefined
    ? odd
    : fc.oneof({ arbitrary: fc.constant(real), weight: 4 }, { arbitrary: odd, weight: 1 });
}

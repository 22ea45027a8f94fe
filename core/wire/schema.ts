/**
 * How the wire contract is written: each answer of the HTTP API is a JSON Schema (the OpenAPI 3.0
 * dialect: `nullable`, no `const`), kept as a constant so that the server's OpenAPI document shows
 * it, and its TypeScript type is inferred from that one constant by json-schema-to-ts — so the
 * document, the server's `satisfies` and the client's reads cannot drift apart.
 *
 * Objects are closed (`additionalProperties: false`): a member the schema does not name fails the
 * type check on the server and the contract test (tests/server/wireContract.test.ts) at run time.
 */
import type { FromSchema, JSONSchema } from 'json-schema-to-ts';

/** The TypeScript type of what a wire schema accepts. */
export type Wire<S extends JSONSchema> = FromSchema<S>;

/** A schema of the contract (an OpenAPI 3.0 schema object). */
export type WireSchema = JSONSchema;

/**
 * A closed object: every property required except those named in `optional`.
 *
 * @example
 * const Point = object({ lon: { type: 'number' }, lat: { type: 'number' }, note: { type: 'string' } }, ['note']);
 * type Point = Wire<typeof Point>; // { lon: number; lat: number; note?: string }
 */
export function object<const P extends Record<string, JSONSchema>, const O extends keyof P & string = never>(
  properties: P,
  optional: readonly O[] = [],
  description?: string,
): { readonly type: 'object'; readonly additionalProperties: false; readonly required: readonly Exclude<keyof P & string, O>[]; readonly properties: P; readonly description?: string } {
  const required = Object.keys(properties).filter((k) => !(optional as readonly string[]).includes(k)) as Exclude<keyof P & string, O>[];
  return { type: 'object', additionalProperties: false, required, properties, ...(description !== undefined ? { description } : {}) };
}

/**
 * An object whose keys are data (an operator's name, a technology): every value of one schema.
 *
 * @example
 * const ByOperator = map({ type: 'integer' }); // Record<string, number>
 */
export function map<const V extends JSONSchema>(values: V, description?: string): { readonly type: 'object'; readonly additionalProperties: V; readonly description?: string } {
  return { type: 'object', additionalProperties: values, ...(description !== undefined ? { description } : {}) };
}

/** An array of one schema. */
export function array<const I extends JSONSchema>(items: I, description?: string): { readonly type: 'array'; readonly items: I; readonly description?: string } {
  return { type: 'array', items, ...(description !== undefined ? { description } : {}) };
}

/**
 * The same schema, or null. An `enum` gets null among its values too: OpenAPI 3.0.3 reads
 * `nullable` with an enum that way (and Ajv checks it so).
 */
export function nullable<const S extends JSONSchema & object>(schema: S): S extends { readonly enum: readonly (infer E)[] } ? Omit<S, 'enum'> & { readonly enum: readonly (E | null)[]; readonly nullable: true } : S & { readonly nullable: true } {
  const e = (schema as { enum?: readonly unknown[] }).enum;
  return (e ? { ...schema, enum: [...e, null], nullable: true } : { ...schema, nullable: true }) as never;
}

/** Common leaves. */
export const str = { type: 'string' } as const;
export const num = { type: 'number' } as const;
export const int = { type: 'integer' } as const;
export const bool = { type: 'boolean' } as const;
export const dateTime = { type: 'string', format: 'date-time' } as const;
/** A technology of the data model. */
export const tech = { type: 'string', enum: ['2G', '3G', '4G', '5G'] } as const;
/** A link of a JSON answer (rel, type, href). */
export const link = object({ rel: str, type: str, href: str, title: str }, ['type', 'title']);

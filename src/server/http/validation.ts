import type { ZodError, ZodType } from 'zod';
import { ValidationError, type FieldError } from '../errors';

export function fieldErrors(err: ZodError): FieldError[] {
  return err.issues.map((i) => ({ field: i.path.length ? i.path.join('.') : '(body)', message: i.message }));
}

// PostgreSQL stores neither a NUL character nor half of a UTF-16 surrogate pair in text;
// such a value reaching a query was a 500. Refused here, once, for every string a client sends.
const NUL = '\u0000';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Every string (and object key) in input that contains NUL or a lone surrogate, by field path. */
export function malformedText(input: unknown, path: string[] = []): FieldError[] {
  const field = path.length ? path.join('.') : '(body)';
  if (typeof input === 'string') {
    if (input.includes(NUL)) return [{ field, message: `${field} contains a NUL character` }];
    if (LONE_SURROGATE.test(input)) return [{ field, message: `${field} is not valid Unicode text (a lone surrogate)` }];
    return [];
  }
  if (Array.isArray(input)) return input.flatMap((v, i) => malformedText(v, [...path, String(i)]));
  if (input && typeof input === 'object') {
    return Object.entries(input).flatMap(([k, v]) => [...malformedText(k, [...path, '(key)']).map((e) => ({ ...e, field: [...path, k].join('.') })), ...malformedText(v, [...path, k])]);
  }
  return [];
}

/** Throws a 400 naming each field that holds text PostgreSQL cannot store. */
export function refuseMalformedText(input: unknown): void {
  const problems = malformedText(input);
  if (problems.length) throw new ValidationError(problems);
}

/** Parses with the schema or throws a 400 naming every failing field. */
export function parseWith<T>(schema: ZodType<T>, input: unknown): T {
  refuseMalformedText(input);
  const r = schema.safeParse(input);
  if (!r.success) throw new ValidationError(fieldErrors(r.error));
  return r.data;
}

import type { ZodError, ZodType } from 'zod';
import { ValidationError, type FieldError } from '../errors';

export function fieldErrors(err: ZodError): FieldError[] {
  return err.issues.map((i) => ({ field: i.path.length ? i.path.join('.') : '(body)', message: i.message }));
}

/** Parses with the schema or throws a 400 naming every failing field. */
export function parseWith<T>(schema: ZodType<T>, input: unknown): T {
  const r = schema.safeParse(input);
  if (!r.success) throw new ValidationError(fieldErrors(r.error));
  return r.data;
}

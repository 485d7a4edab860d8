import type { ZodError, ZodType } from 'zod';
import { ValidationError, type FieldError } from '../errors';

export function fieldErrors(err: ZodError): FieldError[] {
  return err.issues.map((i) => ({ field: i.path.length ? i.path.join('.') : '(body)', message: i.message }));
}

// PostgreSQL stores neither a NUL character nor half of a UTF-16 surrogate pair in text;
// such a value reaching a query was a 500. Refused here, once, for every string a client sends.
const NUL = '\u0000';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

// Deeper than any request this API defines; a hostile body 3,000 levels deep must cost a
// loop, not a stack overflow.
export const MAX_INPUT_DEPTH = 32;

const fieldName = (path: readonly string[]) => (path.length ? path.join('.') : '(body)');

function textProblem(text: string, field: string): string | null {
  if (text.includes(NUL)) return `${field} contains a NUL character`;
  if (LONE_SURROGATE.test(text)) return `${field} is not valid Unicode text (a lone surrogate)`;
  return null;
}

/**
 * Every string (and object key) in input that contains NUL or a lone surrogate, by field
 * path, and any value nested deeper than MAX_INPUT_DEPTH. Walks with its own stack.
 */
export function malformedText(input: unknown): FieldError[] {
  const problems: FieldError[] = [];
  const stack: { value: unknown; path: string[] }[] = [{ value: input, path: [] }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      const message = textProblem(value, fieldName(path));
      if (message) problems.push({ field: fieldName(path), message });
      continue;
    }
    if (!value || typeof value !== 'object') continue;
    if (path.length >= MAX_INPUT_DEPTH) {
      // Named by the field the client sent, not by a path thousands of segments long.
      problems.push({ field: fieldName(path.slice(0, 1)), message: `${fieldName(path.slice(0, 1))} is nested more than ${MAX_INPUT_DEPTH} levels deep` });
      continue;
    }
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i]!;
      const keyProblem = Array.isArray(value) ? null : textProblem(key, fieldName([...path, key]));
      if (keyProblem) problems.push({ field: fieldName([...path, key]), message: keyProblem });
      stack.push({ value: child, path: [...path, key] });
    }
  }
  return problems;
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

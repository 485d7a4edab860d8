import { zodResolver } from '@hookform/resolvers/zod';
import type { FieldErrors, FieldValues, Resolver } from 'react-hook-form';
import type { z } from 'zod';
import { fieldMessage } from './field-messages';

/** Rewrites every message of a react-hook-form error tree through the shared label mapping. */
function humanize(errors: FieldErrors, path: string[] = []): FieldErrors {
  for (const [key, value] of Object.entries(errors)) {
    if (!value || typeof value !== 'object' || key === 'ref') continue;
    const here = [...path, key];
    const e = value as { message?: unknown; type?: unknown };
    if (typeof e.message === 'string' && typeof e.type === 'string') e.message = fieldMessage(here.join('.'), e.message);
    else humanize(value as FieldErrors, here);
  }
  return errors;
}

/**
 * The resolver every form uses: the API's own zod schema decides what is refused, and the
 * person reads the reason in the words of the form's labels.
 */
export function formResolver<In extends FieldValues, Out>(schema: z.ZodType<Out, In>): Resolver<In, unknown, Out> {
  const base = zodResolver(schema as never) as unknown as Resolver<In, unknown, Out>;
  return async (values, context, options) => {
    const result = await base(values, context, options);
    return { ...result, errors: humanize(result.errors as FieldErrors) } as Awaited<ReturnType<Resolver<In, unknown, Out>>>;
  };
}

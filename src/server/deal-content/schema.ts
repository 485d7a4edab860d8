import { z } from 'zod';

const uuid = (name: string) => z.uuid({ error: `${name} must be a UUID` });

export const dealParams = z.object({ id: uuid('id') });
export const dealItemParams = z.object({ id: uuid('id'), itemId: uuid('itemId') });

const atLeastOne = (v: Record<string, unknown>) => Object.values(v).some((x) => x !== undefined);
const nonEmptyPatch = <T extends z.ZodRawShape>(shape: T) => z.strictObject(shape).refine(atLeastOne, { message: 'Send at least one field to change' });

const position = z.number({ error: 'position must be a whole number' }).int('position must be a whole number').min(0, 'position must be 0 or more').max(10_000);

export const documentPatch = nonEmptyPatch({
  title: z.string().trim().min(1, 'title is required').max(200).optional(),
  kind: z.string().trim().min(1).max(64).regex(/^[a-z0-9_]+$/, 'kind must be lower-case letters, digits and underscores').optional(),
  requiredForInvestors: z.boolean({ error: 'requiredForInvestors must be true or false' }).optional(),
  archived: z.boolean({ error: 'archived must be true or false' }).optional(),
});

export const mediaQuery = z.object({
  caption: z.string().trim().max(500, 'caption is at most 500 characters').optional(),
  position: z.coerce.number({ error: 'position must be a whole number' }).int('position must be a whole number').min(0).max(10_000).optional(),
});
export const mediaPatch = nonEmptyPatch({ caption: z.string().trim().max(500).nullable().optional(), position: position.optional() });

export const updateInput = z.strictObject({
  title: z.string().trim().min(1, 'title is required').max(200, 'title is at most 200 characters'),
  body: z.string().trim().min(1, 'body is required').max(20_000, 'body is at most 20000 characters'),
});
export const updatePatch = nonEmptyPatch({ title: updateInput.shape.title.optional(), body: updateInput.shape.body.optional() });

// What the API answers for a deal's curated items (see items.ts), for the OpenAPI document.
export const faqView = z.object({ id: z.string(), question: z.string(), answer: z.string(), position: z.number() });
export const keyTermView = z.object({ id: z.string(), label: z.string(), value: z.string(), position: z.number() });
export const requiredDocumentView = z.object({ id: z.string(), name: z.string(), description: z.string().nullable(), required: z.boolean() });

export const faqInput = z.strictObject({
  question: z.string().trim().min(1, 'question is required').max(500),
  answer: z.string().trim().max(5000, 'answer is at most 5000 characters'),
  position: position.optional(),
});
export const faqPatch = nonEmptyPatch({ question: faqInput.shape.question.optional(), answer: faqInput.shape.answer.optional(), position: position.optional() });

export const keyTermInput = z.strictObject({
  label: z.string().trim().min(1, 'label is required').max(100),
  value: z.string().trim().max(500, 'value is at most 500 characters'),
  position: position.optional(),
});
export const keyTermPatch = nonEmptyPatch({ label: keyTermInput.shape.label.optional(), value: keyTermInput.shape.value.optional(), position: position.optional() });

export const requiredDocumentInput = z.strictObject({
  name: z.string().trim().min(1, 'name is required').max(200),
  description: z.string().trim().max(2000).nullable().optional(),
  required: z.boolean({ error: 'required must be true or false' }).optional(),
});
export const requiredDocumentPatch = nonEmptyPatch({
  name: requiredDocumentInput.shape.name.optional(),
  description: requiredDocumentInput.shape.description,
  required: requiredDocumentInput.shape.required,
});

export const reviewInput = z.strictObject({
  rating: z.number({ error: 'rating must be a whole number from 1 to 5' }).int('rating must be a whole number from 1 to 5').min(1, 'rating must be at least 1').max(5, 'rating must be at most 5'),
  body: z.string().trim().max(5000, 'body is at most 5000 characters').default(''),
});

export const commentInput = z.strictObject({
  body: z.string().trim().min(1, 'body is required').max(5000, 'body is at most 5000 characters'),
  parentId: uuid('parentId').optional(),
});

export const groupInput = z.strictObject({
  name: z.string().trim().min(1, 'name is required').max(200),
  slug: z.string().trim().max(120).regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'slug must be lower-case words joined by hyphens'),
  description: z.string().trim().max(5000).default(''),
});
export const groupPatch = nonEmptyPatch({ name: groupInput.shape.name.optional(), slug: groupInput.shape.slug.optional(), description: z.string().trim().max(5000).optional() });
export const groupDealInput = z.strictObject({ dealId: uuid('dealId'), position: position.optional() });
export const groupParams = z.object({ id: uuid('id') });
export const groupDealParams = z.object({ id: uuid('id'), dealId: uuid('dealId') });

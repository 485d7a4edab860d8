import Ajv2020 from 'ajv/dist/2020';
import type { ValidateFunction } from 'ajv';
import { openApiDocument } from '../../src/server/openapi/document';
import type { RouteOperation } from './api-routes';

// Response conformance: every answer an API test receives must be one the OpenAPI document
// promises for that operation: a documented status, a documented media type and, for JSON, a body
// that validates against the documented schema (response objects are closed, so an undocumented
// field fails as surely as a missing one).
const BASE = 'https://cdp.invalid/openapi.json';
let ajv: Ajv2020 | undefined;
const compiled = new Map<string, ValidateFunction>();

function validatorFor(ref: string): ValidateFunction {
  if (!ajv) {
    const doc = openApiDocument();
    ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
    ajv.addSchema({ $id: BASE, components: { schemas: doc.components.schemas } });
  }
  let v = compiled.get(ref);
  if (!v) compiled.set(ref, (v = ajv.compile({ $ref: `${BASE}${ref}` })));
  return v;
}

type Answer = { status: number; contentType: string | null; body: unknown };

/** Why this answer is not what the document promises for the operation, or null when it is. */
export function nonConformance(op: RouteOperation, answer: Answer): string | null {
  const doc = openApiDocument();
  const operation = doc.paths[op.path]?.[op.method];
  const name = `${op.method.toUpperCase()} ${op.path}`;
  if (!operation) return `${name} is not in the OpenAPI document`;
  let response = operation.responses[String(answer.status)];
  if (!response) return `${name} answered ${answer.status}, which the document does not list (it lists ${Object.keys(operation.responses).join(', ')})`;
  if ('$ref' in response) response = doc.components.responses[response.$ref.split('/').pop()!] as { description: string; content?: Record<string, { schema: Record<string, unknown> }> };
  const content = response.content;
  const mediaType = (answer.contentType ?? '').split(';')[0]!.trim();
  if (!content) return answer.body === null || answer.body === '' ? null : `${name} ${answer.status} has a body the document does not describe`;
  const media = content[mediaType];
  if (!media) return `${name} ${answer.status} answered ${mediaType || 'no content type'}, the document says ${Object.keys(content).join(' or ')}`;
  if (!mediaType.endsWith('json')) return null;
  const ref = media.schema.$ref;
  if (typeof ref !== 'string') return `${name} ${answer.status}: the documented schema is not a component reference`;
  const validate = validatorFor(ref);
  if (validate(answer.body)) return null;
  const errors = (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`);
  return `${name} ${answer.status} does not match ${ref}: ${errors.join('; ')}`;
}

import { derefSchema, openApiDocument } from '@/server/openapi/document';

type BodySchema = { properties?: Record<string, unknown>; required?: string[] };
type Operation = { operationId: string; responses: Record<string, unknown>; summary: string; description: string; tags: string[]; parameters: { name: string; in: string; required: boolean }[]; requestBody?: { content: Record<string, { schema?: BodySchema }> } };

export const metadata = { title: 'API reference' };

// A readable index of the OpenAPI document (served as JSON at /api/openapi.json).
export default function ApiDocs() {
  const doc = openApiDocument();
  return (
    <main className="mx-auto max-w-4xl px-6 py-12">
      <h1 className="text-3xl font-bold">API reference</h1>
      <p className="mt-2 opacity-80">
        OpenAPI 3.1: <a className="underline" href="/api/openapi.json">/api/openapi.json</a>. Every request is served for the tenant named by its Host header; errors are{' '}
        <code>application/problem+json</code> with a stable <code>code</code>.
      </p>
      <ul className="mt-8 space-y-4">
        {Object.entries(doc.paths).flatMap(([path, ops]) =>
          Object.entries(ops as Record<string, Operation>).map(([method, op]) => {
            // Uploads take raw bytes (no JSON schema): name their media types instead.
            const content = op.requestBody?.content ?? {};
            const body = derefSchema(doc, content['application/json']?.schema as Record<string, unknown> | undefined) as BodySchema | undefined;
            const otherTypes = Object.keys(content).filter((t) => t !== 'application/json');
            return (
              <li key={`${method} ${path}`} className="rounded-lg border border-black/10 p-4">
                <p className="font-mono text-sm">
                  <span className="mr-2 font-bold uppercase">{method}</span>
                  {path}
                </p>
                <p className="mt-1">{op.description}</p>
                <p className="mt-1 text-sm opacity-80">
                  <code>{op.operationId}</code> · answers {Object.keys(op.responses).join(', ')}
                </p>
                {op.parameters.length > 0 && <p className="mt-1 text-sm opacity-80">Parameters: {op.parameters.map((p) => `${p.name} (${p.in}${p.required ? ', required' : ''})`).join(', ')}</p>}
                {body?.properties && <p className="mt-1 text-sm opacity-80">Body: {Object.keys(body.properties).map((k) => (body.required?.includes(k) ? `${k}*` : k)).join(', ')}</p>}
                {otherTypes.length > 0 && <p className="mt-1 text-sm opacity-80">Body: {otherTypes.join(' or ')}</p>}
              </li>
            );
          }),
        )}
      </ul>
    </main>
  );
}

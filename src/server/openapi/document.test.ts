import { describe, expect, it } from 'vitest';
import { openApiDocument } from './document';

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 with the seed endpoints and their request schemas', () => {
    const doc = openApiDocument() as { openapi: string; paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown>; required?: string[] } }> } }>> };
    expect(doc.openapi).toBe('3.1.0');
    const login = doc.paths['/api/auth/login']!.post!.requestBody!.content['application/json']!.schema;
    expect(login.required).toEqual(expect.arrayContaining(['email', 'password']));
    const invest = doc.paths['/api/deals/{id}/invest']!.post!.requestBody!.content['application/json']!.schema;
    expect(Object.keys(invest.properties ?? {})).toEqual(expect.arrayContaining(['amount', 'paymentMethod', 'walletAddress']));
    expect(doc.paths['/api/deals']!.get).toBeDefined();
    expect(doc.paths['/api/health']!.get).toBeDefined();
  });
});

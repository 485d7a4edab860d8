import pg from 'pg';
import { getConfig } from '../config';
import { ownerDatabaseUrl } from './urls';

/**
 * A dedicated owner connection for bulk tenant data moves (export, import, deletion, erasure):
 * COPY streams need a raw node-postgres client, and these operations may target another
 * database than the process's own (an import into a second installation).
 * The transaction is the caller's to open; the tenant is bound transaction-locally, as withTenant does.
 */
export async function withOwnerClient<T>(databaseUrl: string | undefined, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl ?? ownerDatabaseUrl(getConfig()) });
  // A server that goes away fails the statement in flight; it must not also crash the process.
  client.on('error', () => {});
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A validated UUID for the few statements (COPY) that cannot take parameters. */
export function uuidLiteral(id: string): string {
  if (!UUID.test(id)) throw new Error(`not a UUID: ${id}`);
  return `'${id.toLowerCase()}'`;
}

/** Opens the transaction bound to one tenant; times in UTC so JSON text is the same on every server. */
export async function beginTenantTransaction(client: pg.Client, tenantId: string, mode: 'read' | 'write'): Promise<void> {
  const isolation = mode === 'read' ? 'isolation level repeatable read read only' : 'isolation level read committed';
  await client.query(`begin ${isolation}`);
  await client.query(`select set_config('app.tenant_id', $1, true), set_config('TimeZone', 'UTC', true)`, [tenantId]);
}

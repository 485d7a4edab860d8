import { z } from 'zod';

export const ARCHIVE_FORMAT = 'cdp-tenant-export';
export const ARCHIVE_VERSION = 1;

/** First entry of an archive (export.json): what it is, known before any row is read. */
export const archiveHeader = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  version: z.literal(ARCHIVE_VERSION),
  schemaVersion: z.string(),
  tenant: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }),
  exportedAt: z.string(),
});
export type ArchiveHeader = z.infer<typeof archiveHeader>;

const tableEntry = z.object({ table: z.string(), file: z.string(), rows: z.number().int().nonnegative(), bytes: z.number().int().nonnegative(), sha256: z.string() });
const fileEntry = z.object({ cid: z.string(), file: z.string(), bytes: z.number().int().nonnegative(), sha256: z.string() });

/** Last entry (manifest.json): row counts and SHA-256 of every entry. */
export const archiveManifest = archiveHeader.extend({
  tables: z.array(tableEntry),
  files: z.array(fileEntry),
  /** Files the tenant's rows name that this installation did not have. */
  missingFiles: z.array(z.string()),
});
export type ArchiveManifest = z.infer<typeof archiveManifest>;
export type TableEntry = z.infer<typeof tableEntry>;
export type FileEntry = z.infer<typeof fileEntry>;

export const tableFile = (table: string) => `tables/${table}.ndjson`;
export const storedFile = (cid: string) => `files/${cid}`;

/** What two exports of the same tenant must share, whatever the installation or the hour. */
export function comparableManifest(m: ArchiveManifest) {
  return { schemaVersion: m.schemaVersion, tenant: m.tenant, tables: m.tables, files: m.files, missingFiles: m.missingFiles };
}

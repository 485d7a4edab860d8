// Which client chunks a production build makes a browser download on the first load of an App
// Router page, read from what Next.js 16 (Turbopack) writes under .next: the root main files of
// build-manifest.json (runtime, React, the router) plus every chunk the route's client reference
// manifest lists for the segments rendered with it (root layout, error boundaries, group layout,
// the page). The union is an upper bound on what one first visit fetches; the polyfill chunk is
// sent with `nomodule` (modern browsers skip it), so it is listed but not counted, as Next's own
// "First Load JS" never counted it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { gzipSync } from 'node:zlib';

export type Chunk = { file: string; bytes: number; gzip: number; from: string };
export type RouteChunks = { route: string; chunks: Chunk[]; polyfill: Chunk[]; totalGzip: number; totalBytes: number };

type BuildManifest = { rootMainFiles: string[]; polyfillFiles: string[] };
type ClientReferenceManifest = { entryJSFiles: Record<string, string[]> };

function chunk(nextDir: string, file: string, from: string): Chunk {
  const buf = readFileSync(path.join(nextDir, file));
  return { file, bytes: buf.length, gzip: gzipSync(buf, { level: 9 }).length, from };
}

/** The manifest file sets a global; evaluate it in a sandbox instead of parsing JavaScript by hand. */
function clientReferenceManifest(nextDir: string, appPath: string): ClientReferenceManifest {
  const file = path.join(nextDir, 'server', 'app', `${appPath}_client-reference-manifest.js`);
  const sandbox: { globalThis?: unknown; __RSC_MANIFEST?: Record<string, ClientReferenceManifest> } = {};
  sandbox.globalThis = sandbox;
  vm.runInNewContext(readFileSync(file, 'utf8'), sandbox, { filename: file });
  const m = sandbox.__RSC_MANIFEST?.[`/${appPath}`];
  if (!m) throw new Error(`${file} does not describe /${appPath}`);
  return m;
}

/** appPath as Next names it under .next/server/app, e.g. "(dashboard)/deals/page". */
export function routeChunks(nextDir: string, appPath: string): RouteChunks {
  const build = JSON.parse(readFileSync(path.join(nextDir, 'build-manifest.json'), 'utf8')) as BuildManifest;
  const seen = new Map<string, Chunk>();
  for (const f of build.rootMainFiles) seen.set(f, chunk(nextDir, f, 'root main'));
  const entries = clientReferenceManifest(nextDir, appPath).entryJSFiles;
  for (const [entry, files] of Object.entries(entries)) {
    const label = entry.replace(/^\[project\]\//, '');
    for (const f of files) if (!seen.has(f)) seen.set(f, chunk(nextDir, f, label));
  }
  const chunks = [...seen.values()];
  return {
    route: appPath,
    chunks,
    polyfill: build.polyfillFiles.map((f) => chunk(nextDir, f, 'polyfill (nomodule, not counted)')),
    totalGzip: chunks.reduce((s, c) => s + c.gzip, 0),
    totalBytes: chunks.reduce((s, c) => s + c.bytes, 0),
  };
}

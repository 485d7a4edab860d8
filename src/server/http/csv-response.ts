/** A CSV file download: never rendered, never cached, named for the user's disk. */
export function csvResponse(file: { filename: string; body: string }, requestId: string | null): Response {
  return new Response(file.body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${file.filename.replace(/["\\\r\n]/g, '_')}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'x-request-id': requestId ?? '',
    },
  });
}

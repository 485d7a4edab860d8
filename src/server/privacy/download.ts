/** The member's archive as a download: never rendered, never cached. */
export function memberDataResponse(bytes: Uint8Array): Response {
  return new Response(bytes as BodyInit, {
    status: 200,
    headers: {
      'content-type': 'application/x-tar',
      'content-length': String(bytes.byteLength),
      'content-disposition': 'attachment; filename="my-data.tar"',
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    },
  });
}

import { getConfig } from '@/server/config';
import { hostOf } from '@/server/http/route';
import { log } from '@/server/log';
import { followClick } from '@/server/newsletter/service';
import { resolveTenant } from '@/server/tenancy/resolve';

// A tracked newsletter link: records the click and redirects (302) to the one target the
// signed token names. A token that does not hold (tampered, made up, another tenant's) is a
// 400 page, never a redirect: the tenant's domain cannot be used to send anyone elsewhere.

const page = (status: number, title: string, text: string) =>
  new Response(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head>` +
      `<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#18181b"><h1 style="font-size:1.5rem">${title}</h1><p>${text}</p><p><a href="/">Go to the home page</a></p></body></html>`,
    { status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' } },
  );

export async function GET(req: Request, ctx: { params: Promise<{ token: string }> }): Promise<Response> {
  const config = getConfig();
  const tenant = await resolveTenant(hostOf(req, config), config.PLATFORM_BASE_DOMAIN);
  if (!tenant || tenant.status !== 'active') return page(404, 'Not found', 'There is no community at this address.');
  const { token } = await ctx.params;
  try {
    const r = await followClick(tenant.id, decodeURIComponent(token));
    if (!r.ok) return page(400, 'This link is not valid', 'The link is damaged or was not made by this community, so it leads nowhere. Open the newsletter again and use the link as it is.');
    return new Response(null, { status: 302, headers: { location: r.target, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' } });
  } catch (err) {
    log.error({ err: String(err), tenantId: tenant.id }, 'newsletter click failed');
    return page(503, 'Try again in a moment', 'The link could not be followed just now.');
  }
}

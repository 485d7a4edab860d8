import type { TenantContext } from './resolve';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * What every page of a tenant that serves nothing answers (suspended by the operator, or still
 * being provisioned): a 503 with a plain page, in the tenant's colours, that says so. Its data
 * is untouched; the API answers the same with a problem+json error (TenantUnavailable).
 */
export function tenantUnavailablePage(tenant: Pick<TenantContext, 'name' | 'status' | 'suspendedReason' | 'theme'>): { status: 503; html: string } {
  const provisioning = tenant.status === 'provisioning';
  const title = provisioning ? `${tenant.name} is not open yet` : `${tenant.name} is temporarily unavailable`;
  const body = provisioning
    ? 'This community is being set up. Please come back soon.'
    : `This community has been suspended by the platform operator${tenant.suspendedReason ? `: ${tenant.suspendedReason}` : ''}. Nothing has been deleted; it will be back once the suspension is lifted.`;
  const color = /^#[0-9a-f]{3,8}$/i.test(tenant.theme.colors.primary) ? tenant.theme.colors.primary : '#2563eb';
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escape(title)}</title>
<style>body{margin:0;font-family:system-ui,sans-serif;background:#fff;color:#0f172a}@media (prefers-color-scheme:dark){body{background:#0b1120;color:#e2e8f0}}main{max-width:36rem;margin:0 auto;padding:5rem 1.5rem}h1{font-size:1.6rem;border-left:6px solid ${color};padding-left:.75rem}p{line-height:1.6}</style></head>
<body><main><h1>${escape(title)}</h1><p>${escape(body)}</p><p>Status: 503 (service unavailable).</p></main></body></html>`;
  return { status: 503, html };
}

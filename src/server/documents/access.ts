import { hasRole } from '../auth/authorize';
import type { Principal } from '../auth/principal';
import type { TenantTx } from '../db/tenant';
import { isDealPrivileged, requireVisibleDeal } from '../deals/browse';
import { requireOwnDeal } from '../deals/manage-deal';
import { NotFound } from '../errors';
import { requireOwnIssuer } from '../issuers/service';
import type { DocumentRow } from './repo';

const REVIEWERS = ['tenant_admin', 'compliance_officer'] as const;

async function ownsIssuer(t: TenantTx, p: Principal, issuerId: string): Promise<boolean> {
  try {
    return (await requireOwnIssuer(t, p, { verified: false })).id === issuerId;
  } catch {
    return false; // no issuer profile: not the owner
  }
}

/**
 * Who may read a document: a deal's documents follow the deal's visibility (archived ones
 * only its issuer and admins); an issuer's documents their issuer and the tenant's
 * reviewers; an investor's their owner and reviewers. Everyone else gets 404.
 */
export async function requireReadAccess(t: TenantTx, p: Principal, doc: DocumentRow): Promise<void> {
  if (doc.owner_type === 'deal') {
    const deal = await requireVisibleDeal(t, p, doc.owner_id);
    if (doc.archived_at && !isDealPrivileged(p, deal)) throw new NotFound('Document not found');
    return;
  }
  if (hasRole(p, REVIEWERS)) return;
  if (doc.owner_type === 'issuer' && (await ownsIssuer(t, p, doc.owner_id))) return;
  if (doc.owner_type === 'investor' && doc.owner_id === p.userId) return;
  throw new NotFound('Document not found');
}

/** Who may see a document's access log: the deal's issuer or admins, the issuer or reviewers. */
export async function requireOversightAccess(t: TenantTx, p: Principal, doc: DocumentRow): Promise<void> {
  if (hasRole(p, REVIEWERS)) return;
  if (doc.owner_type === 'deal') {
    await requireOwnDeal(t, p, doc.owner_id);
    return;
  }
  if (doc.owner_type === 'issuer' && (await ownsIssuer(t, p, doc.owner_id))) return;
  throw new NotFound('Document not found');
}

/** Who may upload new versions: only the owner (the deal's issuer, the issuer itself). */
export async function requireWriteAccess(t: TenantTx, p: Principal, doc: DocumentRow): Promise<void> {
  if (doc.owner_type === 'deal') {
    await requireOwnDeal(t, p, doc.owner_id);
    return;
  }
  if (doc.owner_type === 'issuer' && (await ownsIssuer(t, p, doc.owner_id))) return;
  throw new NotFound('Document not found');
}

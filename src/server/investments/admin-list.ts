import { audit, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import { withTenant } from '../db/tenant';
import { fromMinorUnits } from '../money';
import type { TenantContext } from '../tenancy/resolve';
import { canMove } from './lifecycle';
import { listInvestmentsForAdmin } from './repo';
import type { AdminInvestmentListQuery } from './schema';

// The tenant admin's list of investments, the page from which they confirm received money or
// refund it (confirm-investment.ts). It hands out investors' data, so each read is audited.

/** GET /api/admin/investments */
export async function listInvestmentsForOperator(tenant: TenantContext, admin: Principal, q: AdminInvestmentListQuery, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: admin.userId }, async (t) => {
    const { rows, total } = await listInvestmentsForAdmin(t, { ...q, investor: q.investor || undefined });
    await audit(t, { actorId: admin.userId, actorRole: admin.role, action: 'investments.listed', metadata: { status: q.status ?? null, dealId: q.dealId ?? null, investor: q.investor || null, count: rows.length } }, meta);
    return {
      investments: rows.map((r) => ({
        id: r.id,
        deal: { id: r.deal_id, title: r.deal_title, slug: r.deal_slug },
        investor: { id: r.investor_id, email: r.email, firstName: r.first_name, lastName: r.last_name },
        amount: fromMinorUnits(r.amount, r.currency_decimals),
        currency: r.currency,
        paymentMethod: r.payment_method,
        status: r.status,
        transactionHash: r.transaction_hash,
        reason: r.cancel_reason,
        createdAt: r.created_at.toISOString(),
        confirmedAt: r.confirmed_at?.toISOString() ?? null,
        /** What the operator may do next (the state machine of lifecycle.ts). */
        canConfirm: canMove(r.status, 'confirmed'),
        canRefund: canMove(r.status, 'refunded'),
      })),
      total,
      hasMore: q.offset + rows.length < total,
    };
  });
}

import { notFound } from 'next/navigation';
import { getOwnDeal } from '@/server/deals/manage-deal';
import { NotFound } from '@/server/errors';
import { idParams } from '@/server/http/params';
import { requireSession } from '../session';

/** The signed-in issuer's own deal for an issuer page, or the 404 page. */
export async function ownDealPage(id: string, next: string) {
  const { tenant, principal } = await requireSession(next, ['issuer']);
  if (!idParams.safeParse({ id }).success) notFound();
  try {
    return { tenant, principal, deal: await getOwnDeal(tenant, principal, id) };
  } catch (e) {
    if (e instanceof NotFound) notFound();
    throw e;
  }
}

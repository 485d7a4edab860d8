import type { ZodType } from 'zod';
import { audit, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import { NotFound } from '../errors';
import { uuidv7 } from '../ids';
import type { TenantContext } from '../tenancy/resolve';
import { withOwnDeal, withVisibleDeal } from './access';
import { deleteItem, insertItem, listItems, updateItem, type ItemTable } from './repo';
import type { z } from 'zod';
import { faqInput, faqPatch, keyTermInput, keyTermPatch, requiredDocumentInput, requiredDocumentPatch, type faqView, type keyTermView, type requiredDocumentView } from './schema';

type ItemSpec = { table: ItemTable; ordered: boolean; fields: readonly string[]; input: ZodType<Record<string, unknown>>; patch: ZodType<Record<string, unknown>>; noun: string };

/** The deal's lists that its issuer curates: FAQs, key terms, documents asked of investors. */
export const DEAL_ITEMS = {
  faqs: { table: 'deal_faqs', ordered: true, fields: ['question', 'answer', 'position'], input: faqInput, patch: faqPatch, noun: 'faq' },
  keyTerms: { table: 'deal_key_terms', ordered: true, fields: ['label', 'value', 'position'], input: keyTermInput, patch: keyTermPatch, noun: 'key_term' },
  requiredDocuments: {
    table: 'deal_required_documents',
    ordered: false,
    fields: ['name', 'description', 'required'],
    input: requiredDocumentInput,
    patch: requiredDocumentPatch,
    noun: 'required_document',
  },
} as const satisfies Record<string, ItemSpec>;

export type DealItemKind = keyof typeof DEAL_ITEMS;
/** An item as the API answers it: its id and the spec's fields. */
export type DealItemView<K extends DealItemKind> = { faqs: z.infer<typeof faqView>; keyTerms: z.infer<typeof keyTermView>; requiredDocuments: z.infer<typeof requiredDocumentView> }[K];

// Column names equal the API's field names for these tables, so rows map one to one.
function itemView<K extends DealItemKind>(spec: ItemSpec, row: Record<string, unknown>): DealItemView<K> {
  return Object.fromEntries([['id', row.id], ...spec.fields.map((f) => [f, row[f]])]) as DealItemView<K>;
}

export function listDealItems<K extends DealItemKind>(tenant: TenantContext, p: Principal | null, kind: K, dealId: string): Promise<{ [P in K]: DealItemView<P>[] }> {
  const spec: ItemSpec = DEAL_ITEMS[kind];
  return withVisibleDeal(tenant, p, dealId, async (t, { deal }) => ({
    [kind]: (await listItems(t, spec.table, deal.id, spec.ordered)).map((r) => itemView<K>(spec, r)),
  }) as { [P in K]: DealItemView<P>[] });
}

export function addDealItem(tenant: TenantContext, p: Principal, kind: DealItemKind, dealId: string, input: Record<string, unknown>, meta: RequestMeta) {
  const spec: ItemSpec = DEAL_ITEMS[kind];
  return withOwnDeal(tenant, p, dealId, async (t, deal) => {
    const row = await insertItem(t, spec.table, { ...input, id: uuidv7(), deal_id: deal.id });
    await audit(t, { actorId: p.userId, actorRole: p.role, action: `deal.${spec.noun}_added`, targetType: 'deal', targetId: deal.id, metadata: { itemId: row.id } }, meta);
    return itemView(spec, row);
  });
}

export function changeDealItem(tenant: TenantContext, p: Principal, kind: DealItemKind, dealId: string, itemId: string, patch: Record<string, unknown>, meta: RequestMeta) {
  const spec: ItemSpec = DEAL_ITEMS[kind];
  return withOwnDeal(tenant, p, dealId, async (t, deal) => {
    const row = await updateItem(t, spec.table, deal.id, itemId, patch);
    if (!row) throw new NotFound('Item not found');
    await audit(t, { actorId: p.userId, actorRole: p.role, action: `deal.${spec.noun}_changed`, targetType: 'deal', targetId: deal.id, metadata: { itemId, fields: Object.keys(patch) } }, meta);
    return itemView(spec, row);
  });
}

export function removeDealItem(tenant: TenantContext, p: Principal, kind: DealItemKind, dealId: string, itemId: string, meta: RequestMeta) {
  const spec: ItemSpec = DEAL_ITEMS[kind];
  return withOwnDeal(tenant, p, dealId, async (t, deal) => {
    if (!(await deleteItem(t, spec.table, deal.id, itemId))) throw new NotFound('Item not found');
    await audit(t, { actorId: p.userId, actorRole: p.role, action: `deal.${spec.noun}_removed`, targetType: 'deal', targetId: deal.id, metadata: { itemId } }, meta);
  });
}

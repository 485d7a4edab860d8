import { z } from 'zod';
import { corporateActionInput, createTransferAgentInput, holderParams, updateTransferAgentInput } from './schema';

// The transfer agents routes for /api/openapi.json, in the shape of openapi/document.ts's `ops`.
const idParam = z.object({ id: z.string().uuid() });
/** What recording a corporate action answers (also on an Idempotency-Key replay). */
export const corporateActionResponse = z.object({
  action: z.object({
    id: z.string(),
    kind: z.enum(['transfer', 'freeze', 'unfreeze']),
    holderId: z.string(),
    holderEmail: z.string(),
    toHolderId: z.string().nullable(),
    toHolderEmail: z.string().nullable(),
    amount: z.string().nullable(),
    consideration: z.string().nullable(),
    reason: z.string(),
    effectiveAt: z.string(),
    recordedBy: z.string(),
    recordedAt: z.string(),
  }),
  totals: z.object({ held: z.string(), confirmedInvestments: z.string(), holders: z.number(), balanced: z.boolean() }),
});
const NO_PROFILE = 'the caller holds the transfer_agent role but an administrator has not set up their profile: code `transfer_agent_profile_missing`';

export const transferAgentOps = [
  { tag: 'transfer agents', method: 'get', path: '/api/admin/transfer-agents', summary: 'Transfer agents with their registration', auth: ['tenant_admin'] },
  {
    tag: 'transfer agents',
    method: 'post',
    path: '/api/admin/transfer-agents',
    summary: 'Set up the profile of a member holding the transfer_agent role (registration number and jurisdiction, contact); audited',
    auth: ['tenant_admin'],
    body: createTransferAgentInput,
    status: 201,
    conflict: 'the member does not hold the transfer_agent role (`not_a_transfer_agent`) or already has a profile (`transfer_agent_exists`)',
  },
  { tag: 'transfer agents', method: 'put', path: '/api/admin/transfer-agents/{id}', summary: 'Edit a transfer agent’s profile; audited', auth: ['tenant_admin'], params: idParam, body: updateTransferAgentInput },
  { tag: 'transfer agents', method: 'get', path: '/api/transfer-agent', summary: 'The transfer agent’s profile and the deals that have a holder register', auth: ['transfer_agent'], forbidden: NO_PROFILE },
  {
    tag: 'transfer agents',
    method: 'get',
    path: '/api/transfer-agent/deals/{id}/cap-table',
    summary: 'The official holder register of a deal: holders with amount, share, first acquisition, cost basis, restrictions (Rule 502(d) legends, stop-transfer, freezes) and positions; totals against confirmed investments; reconciliation per wallet with the sale’s on-chain contributions (indexer) where the deal has a sale; corporate actions',
    auth: ['transfer_agent'],
    params: idParam,
    forbidden: NO_PROFILE,
  },
  { tag: 'transfer agents', method: 'get', path: '/api/transfer-agent/deals/{id}/cap-table.csv', summary: 'The register as CSV (holders, totals, reconciliation per wallet); the export is audited. No PDF: the platform has no PDF writer', auth: ['transfer_agent'], params: idParam, forbidden: NO_PROFILE },
  {
    tag: 'transfer agents',
    method: 'post',
    path: '/api/transfer-agent/deals/{id}/actions',
    summary: 'Record a corporate action: an off-chain approved transfer between holders (checked by the compliance transfer gates), or a freeze / unfreeze of a holder’s position; audited. Accepts an Idempotency-Key (a retry replays the first answer; other parameters with the same key: 422 `idempotency_key_reused`)',
    auth: ['transfer_agent'],
    params: idParam,
    body: corporateActionInput,
    status: 201,
    forbidden: `${NO_PROFILE}; \`transfer_agent_suspended\`; a transfer gate refuses the transfer (its code, e.g. \`transfer_stop_instruction\`, with \`gate\` and \`allowedFrom\`)`,
    conflict: 'the holder holds too little (`insufficient_holding`), a position is frozen (`holder_frozen`) or not frozen (`holder_not_frozen`)',
  },
  { tag: 'transfer agents', method: 'get', path: '/api/transfer-agent/deals/{id}/holders/{holderId}', summary: 'A holder’s statement in a deal: position, restrictions, positions, corporate actions and wallets reconciled (the read is audited)', auth: ['transfer_agent'], params: holderParams, forbidden: NO_PROFILE },
] as const;

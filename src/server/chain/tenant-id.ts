import { pad, type Hex } from 'viem';

/** Tenants (and deals) are UUIDs in the database; on chain they are the UUID's 16 bytes, left-padded to bytes32. */
export function tenantIdFromUuid(uuid: string): Hex {
  const hex = uuid.replace(/-/g, '').toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) throw new Error(`not a UUID: ${uuid}`);
  return pad(`0x${hex}`, { size: 32 });
}

// Gas of one successful transaction from its receipt (bench/gas.ts, bench/staking-gas.ts).
import type { Address } from 'viem';
import { expectOk, type Actor, type Harness } from '../../contracts/test/support/harness';

export async function gasOf(h: Harness, from: Actor, to: Address, abi: Parameters<Harness['send']>[2], fn: string, args: readonly unknown[] = []): Promise<bigint> {
  return expectOk(await h.send(from, to, abi, fn, args)).receipt.gasUsed;
}

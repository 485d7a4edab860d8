// Turns a failed call into a sentence an admin can act on: the contract's custom error by name
// (decoded against every platform ABI) or the node's own message.
import { BaseError, ContractFunctionRevertedError, decodeErrorResult, type Abi, type Hex } from 'viem';
import * as abis from '../../../../contracts/abi';

const errorAbi: Abi = Object.values(abis)
  .flatMap((abi) => (abi as Abi).filter((item) => item.type === 'error'))
  .filter((item, i, all) => all.findIndex((other) => JSON.stringify(other) === JSON.stringify(item)) === i);

function revertData(err: unknown): Hex | undefined {
  let e: unknown = err;
  for (let depth = 0; e && depth < 10; depth++) {
    const data = (e as { data?: unknown }).data;
    if (typeof data === 'string' && data.startsWith('0x')) return data as Hex;
    if (data && typeof data === 'object' && typeof (data as { data?: unknown }).data === 'string') return (data as { data: Hex }).data;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

export function describeRevert(err: unknown): string {
  const data = revertData(err);
  if (data && data.length >= 10) {
    try {
      const decoded = decodeErrorResult({ abi: errorAbi, data });
      const args = (decoded.args ?? []).map((a) => (typeof a === 'bigint' ? a.toString() : String(a)));
      return `reverted: ${decoded.errorName}(${args.join(', ')})`;
    } catch {
      /* not one of ours: fall through to the message */
    }
  }
  if (err instanceof BaseError) {
    const reverted = err.walk((e) => e instanceof ContractFunctionRevertedError) as ContractFunctionRevertedError | null;
    if (reverted?.data?.errorName) return `reverted: ${reverted.data.errorName}`;
    return err.shortMessage.slice(0, 500);
  }
  return (err instanceof Error ? err.message : String(err)).slice(0, 500);
}

/** True for node answers that mean "this exact transaction is already there". */
export function isAlreadyKnown(err: unknown): boolean {
  const msg = (err instanceof BaseError ? err.details || err.shortMessage : err instanceof Error ? err.message : String(err)).toLowerCase();
  return /already known|already imported|nonce too low|known transaction|replacement transaction underpriced/.test(msg);
}

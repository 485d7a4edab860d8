import type { Page } from '@playwright/test';
import { createPublicClient, createWalletClient, encodeFunctionData, http, type Address, type Hex } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { testStablecoinAbi } from '../../../contracts/abi/TestStablecoin';

// A browser wallet for the e2e run: an injected EIP-1193 provider (window.ethereum) installed with
// page.addInitScript. Its requests go through a Playwright binding to this process, which answers
// the account questions itself and forwards every eth_* call to the platform's local anvil
// (E2E_ANVIL_PORT), where the dev accounts are unlocked: anvil signs eth_sendTransaction,
// personal_sign and eth_signTypedData_v4 for them. The page's CSP (connect-src 'self') is not
// involved, as the binding is not a network request. The test can make the wallet refuse the next
// request of a method, as a person clicking "Reject" would (EIP-1193 code 4001).

export const ANVIL_URL = `http://127.0.0.1:${process.env.E2E_ANVIL_PORT ?? 8645}`;
const MNEMONIC = 'test test test test test test test test test test test junk';

type RpcReply = { result?: unknown; error?: { code: number; message: string; data?: unknown } };

let id = 0;
export async function anvilRpc(method: string, params: unknown[] = []): Promise<RpcReply> {
  const r = await fetch(ANVIL_URL, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params }) });
  const body = (await r.json()) as RpcReply;
  return body.error ? { error: body.error } : { result: body.result };
}

export type TestWallet = {
  address: Address;
  /** Every request the page made, in order. */
  calls: { method: string; params: unknown[] }[];
  /** The next request of `method` is refused as by the person (code 4001). */
  rejectNext(method: string): void;
  /** The ERC-20 the page read balances of (the deal's payment token), once it asked. */
  paymentToken(): Address | null;
  /** Mints `amount` base units of the test stablecoin `token` to this wallet, from itself. */
  mint(token: Address, amount: bigint): Promise<void>;
  /** The wallet says it is on `chainId` (eth_chainId) until the page has it switch to the platform's chain. */
  reportChain(chainId: number): void;
  /** The next ERC-20 approve is sent for `amount` instead, as a person lowering the spending cap in the wallet would. */
  capNextApproval(amount: bigint): void;
};

/** Installs the wallet of anvil dev account `index` in the page (before any navigation). */
export async function installTestWallet(page: Page, index: number): Promise<TestWallet> {
  const address = mnemonicToAccount(MNEMONIC, { addressIndex: index }).address;
  const calls: TestWallet['calls'] = [];
  const refusals = new Set<string>();
  let reported: number | null = null;
  let cap: bigint | null = null;
  await page.exposeFunction('__testWalletRequest', async (method: string, params: unknown[]): Promise<RpcReply> => {
    calls.push({ method, params });
    if (refusals.delete(method)) return { error: { code: 4001, message: 'User rejected the request.' } };
    switch (method) {
      case 'eth_requestAccounts':
      case 'eth_accounts':
        return { result: [address] };
      case 'wallet_requestPermissions':
      case 'wallet_getPermissions':
        return { result: [{ parentCapability: 'eth_accounts' }] };
      case 'wallet_revokePermissions':
        return { result: null };
      case 'eth_chainId':
        return reported === null ? anvilRpc(method, params) : { result: `0x${reported.toString(16)}` };
      case 'wallet_switchEthereumChain': {
        const wanted = (params[0] as { chainId: string }).chainId;
        const have = (await anvilRpc('eth_chainId')).result as string;
        if (BigInt(wanted) !== BigInt(have)) return { error: { code: 4902, message: `Unrecognized chain ID ${wanted}` } };
        reported = null;
        return { result: null };
      }
      case 'eth_sendTransaction': {
        // A wallet on another chain would send there; the page must not ask (the test checks it never does).
        if (reported !== null) return { error: { code: 4901, message: `The wallet is on chain ${reported}` } };
        const tx = params[0] as { from?: string; data?: string; input?: string };
        if (tx.from && tx.from.toLowerCase() !== address.toLowerCase()) return { error: { code: 4100, message: 'The requested account has not been authorized' } };
        const data = tx.data ?? tx.input;
        if (cap !== null && data?.startsWith('0x095ea7b3')) {
          const capped = `${data.slice(0, data.length - 64)}${cap.toString(16).padStart(64, '0')}`;
          cap = null;
          return anvilRpc(method, [{ ...tx, from: address, ...(tx.data ? { data: capped } : { input: capped }) }]);
        }
        return anvilRpc(method, [{ ...tx, from: address }]);
      }
      default:
        return anvilRpc(method, params);
    }
  });
  await page.addInitScript(() => {
    type Bridge = (method: string, params: unknown[]) => Promise<{ result?: unknown; error?: { code: number; message: string; data?: unknown } }>;
    const bridge = (window as unknown as { __testWalletRequest: Bridge }).__testWalletRequest;
    const provider = {
      isTestWallet: true,
      async request({ method, params }: { method: string; params?: unknown[] }) {
        const r = await bridge(method, params ?? []);
        if (r.error) throw Object.assign(new Error(r.error.message), { code: r.error.code, data: r.error.data });
        return r.result;
      },
      on() {},
      removeListener() {},
    };
    Object.defineProperty(window, 'ethereum', { value: provider, configurable: true });
  });

  return {
    address,
    calls,
    rejectNext: (method) => refusals.add(method),
    reportChain: (chainId) => {
      reported = chainId;
    },
    capNextApproval: (amount) => {
      cap = amount;
    },
    paymentToken() {
      const read = calls.find((c) => c.method === 'eth_call' && String((c.params[0] as { data?: string; input?: string }).data ?? (c.params[0] as { input?: string }).input).startsWith('0x70a08231'));
      return read ? ((read.params[0] as { to: Address }).to as Address) : null;
    },
    async mint(token, amount) {
      const transport = http(ANVIL_URL);
      const wallet = createWalletClient({ transport, account: address });
      const hash = await wallet.sendTransaction({ chain: null, to: token, data: encodeFunctionData({ abi: testStablecoinAbi, functionName: 'mint', args: [address, amount] }) as Hex });
      const receipt = await createPublicClient({ transport }).waitForTransactionReceipt({ hash, pollingInterval: 200 });
      if (receipt.status !== 'success') throw new Error(`mint reverted (${hash})`);
    },
  };
}

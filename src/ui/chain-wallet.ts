// The browser wallet for on-chain deals: a wagmi config over the injected (in-page, EIP-1193)
// provider only. Every read goes through the wallet itself, never to a remote node (the CSP's
// connect-src 'self' would refuse one anyway), and no connector fetches anything at run time.
import { custom, defineChain, type EIP1193RequestFn } from 'viem';
import { createConfig } from 'wagmi';
import { injected } from 'wagmi/connectors';

type InjectedProvider = { request: EIP1193RequestFn };

export const injectedProvider = (): InjectedProvider | undefined => (globalThis as { ethereum?: InjectedProvider }).ethereum;

export function walletConfig(chainId: number, name = `Chain ${chainId}`) {
  const chain = defineChain({ id: chainId, name, nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 }, rpcUrls: { default: { http: [] } } });
  return createConfig({
    chains: [chain],
    connectors: [injected()],
    transports: {
      [chain.id]: custom({
        request: (args: Parameters<EIP1193RequestFn>[0]) => {
          const p = injectedProvider();
          if (!p) throw new Error('No browser wallet');
          return p.request(args);
        },
      }),
    },
    ssr: true,
  });
}

/** The EIP-1193 / JSON-RPC error codes along an error's cause chain (viem wraps them). */
export function walletErrorCodes(e: unknown): unknown[] {
  const codes: unknown[] = [];
  for (let c: unknown = e; c && typeof c === 'object' && codes.length < 8; c = (c as { cause?: unknown }).cause) codes.push((c as { code?: unknown }).code);
  return codes;
}

export const userRejected = (e: unknown) => walletErrorCodes(e).includes(4001);
export const requestPending = (e: unknown) => walletErrorCodes(e).includes(-32002);

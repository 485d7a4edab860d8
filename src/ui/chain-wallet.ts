// The browser wallet for on-chain deals: a wagmi config over the injected (in-page, EIP-1193)
// provider only. Every read goes through the wallet itself, never to a remote node (the CSP's
// connect-src 'self' would refuse one anyway), and no connector fetches anything at run time.
import { useCallback, useMemo } from 'react';
import { custom, defineChain, getAddress, type Address, type EIP1193RequestFn } from 'viem';
import { createConfig } from 'wagmi';
import { connect, getConnection, switchChain } from 'wagmi/actions';
import { injected } from 'wagmi/connectors';
import { errorMessage } from './api-client';

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

/**
 * A pool page's wallet on one chain: `connectOnChain` connects the injected wallet (asking the
 * member once), switches it to the chain when it is elsewhere and answers the account to send from.
 */
export function useChainWallet(chainId: number) {
  const config = useMemo(() => walletConfig(chainId), [chainId]);
  const connectOnChain = useCallback(async (): Promise<Address> => {
    if (!injectedProvider()) throw new Error('No browser wallet found. Install a wallet extension, or open this page in your wallet app’s browser.');
    const conn = getConnection(config);
    const account = getAddress(conn.status === 'connected' ? conn.address! : (await connect(config, { connector: config.connectors[0]! })).accounts[0]!);
    if ((await config.connectors[0]!.getChainId()) !== chainId) await switchChain(config, { chainId });
    return account;
  }, [config, chainId]);
  return { config, connectOnChain };
}

/** What the member reads when a wallet action fails: a declined request said plainly, else the wallet's or the API's message. */
export const walletActionError = (e: unknown): string =>
  userRejected(e) ? 'You declined the request in your wallet, so nothing was sent.' : ((e as { shortMessage?: string }).shortMessage ?? errorMessage(e));

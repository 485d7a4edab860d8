// anvil's development accounts: a publicly known mnemonic whose accounts anvil funds with 10,000
// ETH each. Only development chains use them (the local chain's deployer, the default signers, the
// demo investors' wallets); kept apart from local-chain.ts so code the web app bundles never pulls
// in the chain process and the Solidity compiler.
import { mnemonicToAccount, type HDAccount } from 'viem/accounts';

const ANVIL_MNEMONIC = 'test test test test test test test test test test test junk';

export function localAccount(index: number): HDAccount {
  return mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: index });
}

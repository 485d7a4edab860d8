// Child process of the transaction-manager crash test: one pass of the queue that kills itself
// with SIGKILL right after a signed attempt is committed and before it is broadcast.
import { registerDevChain } from '../../src/server/chain/chains';
import { processChainQueue } from '../../src/server/chain/tx-manager/send';

const chainId = Number(process.argv[2]);
const signer = process.argv[3]!;
registerDevChain(chainId, process.argv[4]!);
await processChainQueue(chainId, {
  signers: [signer],
  hooks: {
    afterStore: (_id, hash) => {
      process.stdout.write(`stored ${hash}\n`, () => process.kill(process.pid, 'SIGKILL'));
      return new Promise(() => {});
    },
  },
});
process.stdout.write('no transaction to send\n');
process.exit(3);

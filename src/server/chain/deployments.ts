// The addresses of one chain's deployed system, stored in contracts/deployments/<chainId>.json.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/) as unknown as z.ZodType<`0x${string}`>;
const bytes32 = z.string().regex(/^0x[0-9a-fA-F]{64}$/) as unknown as z.ZodType<`0x${string}`>;

export const deploymentsSchema = z.object({
  chainId: z.number().int().positive(),
  deployer: address,
  deployedAtBlock: z.string().regex(/^\d+$/),
  service: address,
  /** The 6-decimal test stablecoin on local/test chains; an existing stablecoin on mainnets. */
  paymentToken: address,
  escrowImplementation: address,
  escrowFactory: address,
  saleDeployer: address,
  poolImplementation: address,
  stakingPoolDeployer: address,
  lendingPoolDeployer: address,
  tenantFactories: z.array(z.object({ name: z.string(), tenantId: bytes32, address })),
});

export type Deployments = z.infer<typeof deploymentsSchema>;

export function deploymentsFile(chainId: number, dir = path.resolve(process.cwd(), 'contracts', 'deployments')): string {
  return path.join(dir, `${chainId}.json`);
}

export function readDeployments(chainId: number, dir?: string): Deployments | undefined {
  const file = deploymentsFile(chainId, dir);
  if (!existsSync(file)) return undefined;
  // A file from an older system layout (missing contracts) means "not deployed": deploy afresh.
  const parsed = deploymentsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  return parsed.success ? parsed.data : undefined;
}

export function writeDeployments(deployments: Deployments, dir?: string): string {
  const file = deploymentsFile(deployments.chainId, dir);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(deploymentsSchema.parse(deployments), null, 2)}\n`);
  return file;
}

import { describe, expect, it } from 'vitest';
import { chainLag } from './lag';

const now = new Date('2026-12-07T12:00:00Z');
const polygon = { id: 137, key: 'polygon', confirmations: 64 };
const row = (o: Partial<Parameters<typeof chainLag>[0]> = {}) => ({ chain_id: '137', block_number: '1000', head_block: '1063', last_batch_at: now, updated_at: now, ...o });

describe('indexer lag', () => {
  it('counts finalized blocks not indexed yet: the head minus the confirmations still to come', () => {
    expect(chainLag(row(), polygon, 50, now)).toMatchObject({ lagBlocks: 0, status: 'ok' });
    expect(chainLag(row({ head_block: '1113' }), polygon, 50, now)).toMatchObject({ lagBlocks: 50, status: 'ok' });
    expect(chainLag(row({ head_block: '1114' }), polygon, 50, now)).toMatchObject({ lagBlocks: 51, status: 'degraded' });
  });

  it('is degraded when the indexer stopped touching the cursor, or never saw the head', () => {
    expect(chainLag(row({ updated_at: new Date(now.getTime() - 6 * 60_000) }), polygon, 50, now).status).toBe('degraded');
    expect(chainLag(row({ head_block: null }), polygon, 50, now)).toMatchObject({ lagBlocks: null, status: 'degraded' });
  });
});

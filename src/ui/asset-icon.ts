import { Building2, Coins, Landmark } from 'lucide-react';

/** One icon per asset type (the deal page's header; cards draw the same ones from a sprite). */
export const ASSET_ICON = { equity: Building2, debt: Landmark, token: Coins } as const;

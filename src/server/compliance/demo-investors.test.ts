import { describe, expect, it } from 'vitest';
import { seedDemoDeals } from '../platform/demo-deals';
import { makeTenant, makeUser, PASSWORD } from '../../../tests/helpers/tenants';
import { clearDemoInvestor } from './demo-investors';

// The demo seeds invest in Reg CF and Reg S deals: its investors must be cleared first.
describe('demo investors', () => {
  it('once cleared, can be seeded into the demo deals (which use Reg CF and Reg S)', async () => {
    const demo = await makeTenant();
    const issuer = await makeUser(demo, ['issuer']);
    const [i1, i2] = [await makeUser(demo), await makeUser(demo)];
    for (const i of [i1, i2]) {
      await clearDemoInvestor(demo.id, i.id);
      await clearDemoInvestor(demo.id, i.id);
    }
    const seeded = await seedDemoDeals(demo.id, demo.slug, { theme: 'alpha', password: PASSWORD, admin: demo.admin.email, issuer: issuer.email, investors: [i1.email, i2.email] });
    expect(seeded).toBeGreaterThanOrEqual(18);
  });
});

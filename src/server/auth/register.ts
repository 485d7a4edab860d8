import { audit, type RequestMeta } from '../audit/service';
import { withTenant } from '../db/tenant';
import { uuidv7 } from '../ids';
import { notify } from '../notifications/notify';
import { attributeSignUp } from '../referrals/service';
import type { TenantContext } from '../tenancy/resolve';
import { sendEmailVerificationCode } from './one-time-codes';
import { refuseWeakPassword } from './password-policy';
import { hashPassword } from './password';
import { findUserByEmail, insertUser } from './repo';
import type { RegisterInput } from './schema';

export const REGISTER_MESSAGE = 'Registration successful';

/**
 * A new investor account, able to log in at once; its email stays unverified (and its
 * verification level below basic) until the emailed code is entered. A taken email gets
 * the same answer as a new one, so registration does not reveal who has an account.
 */
export async function registerUser(tenant: TenantContext, input: RegisterInput, meta: RequestMeta, referral: { cookie: string | null } = { cookie: null }): Promise<{ success: true; message: string }> {
  refuseWeakPassword(input.password, input, 'password');
  const passwordHash = await hashPassword(input.password);
  const id = uuidv7();
  await withTenant(tenant.id, { userId: id }, async (t) => {
    const created = await insertUser(t, { id, email: input.email, passwordHash, firstName: input.firstName, lastName: input.lastName, role: 'investor' });
    if (!created) {
      await audit(t, { actorId: null, action: 'auth.register_existing_email', targetType: 'user' }, meta);
      // The account holder hears of it (a security event, locked on); the answer stays the same.
      const holder = await findUserByEmail(t, input.email);
      if (holder)
        await notify(t, {
          type: 'security.account_exists',
          userId: holder.id,
          title: 'Someone tried to register with your email',
          body: `Somebody tried to create an account on ${tenant.name} with this email address, which already has one. If it was you, log in or reset your password. If not, no action is needed.`,
          link: '/login',
          dedupeKey: `security.account_exists:${uuidv7()}`,
          data: { tenantName: tenant.name },
        });
      return;
    }
    await audit(t, { actorId: id, actorRole: 'investor', action: 'auth.register', targetType: 'user', targetId: id }, meta);
    // The first-touch referral cookie, if the visitor followed a member's link (attributed or refused, recorded).
    if (tenant.features.referrals) await attributeSignUp(t, { userId: id, email: input.email, cookie: referral.cookie, meta });
    await sendEmailVerificationCode(t, tenant.name, { id, email: input.email });
  });
  return { success: true, message: REGISTER_MESSAGE };
}

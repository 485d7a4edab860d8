import { z } from 'zod';

const email = z
  .string({ error: 'email is required' })
  .trim()
  .toLowerCase()
  .max(254, 'email is too long')
  .pipe(z.email({ error: 'email is not a valid address' }));
const password = z.string({ error: 'password is required' }).min(1, 'password is required').max(1024, 'password is too long');
const personName = (field: string) =>
  z
    .string({ error: `${field} is required` })
    .trim()
    .min(1, `${field} is required`)
    .max(100, `${field} is too long`)
    .refine((s) => !/[<>\u0000-\u001f]/.test(s), `${field} contains characters that are not allowed`);

export const registerInput = z.object({ email, password, firstName: personName('firstName'), lastName: personName('lastName') });
export const loginInput = z.object({ email, password });
export const refreshInput = z.object({ refreshToken: z.string().min(20).max(200).optional() }).optional();
export const codeInput = z.object({ code: z.string().trim().regex(/^\d{6}$/, 'code must be the 6 digits you received') });
export const forgotPasswordInput = z.object({ email });
export const resetPasswordInput = z.object({
  email,
  code: z.string().trim().regex(/^\d{6}$/, 'code must be the 6 digits you received'),
  newPassword: password,
});
export const changePasswordInput = z.object({ currentPassword: password, newPassword: password });
export const mfaCodeInput = z.object({ code: z.string().trim().min(6, 'code is required').max(32, 'code is too long') });
export const mfaChallengeInput = z.object({
  mfaToken: z.string().min(20).max(200),
  code: z.string().trim().min(6, 'code is required').max(32, 'code is too long'),
});
export const profilePatchInput = z
  .object({
    firstName: personName('firstName').optional(),
    lastName: personName('lastName').optional(),
    displayName: personName('displayName').nullable().optional(),
    phone: z.string().trim().regex(/^\+?[0-9 ()-]{6,20}$/, 'phone must be a phone number').nullable().optional(),
    country: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'country must be an ISO 3166-1 alpha-2 code').nullable().optional(),
  })
  .strict();

export const loginResponse = z.object({ token: z.string(), user: z.object({ id: z.string(), email: z.string(), role: z.string() }) });
export const registerResponse = z.object({ success: z.boolean(), message: z.string() });

export type RegisterInput = z.infer<typeof registerInput>;
export type LoginInput = z.infer<typeof loginInput>;

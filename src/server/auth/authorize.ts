import type { Role } from '../db/types';
import { Forbidden, NotFound } from '../errors';
import type { Principal } from './principal';

/** The one role check every route and service uses. */
export function hasRole(p: Principal, roles: readonly Role[]): boolean {
  return roles.some((r) => p.roles.includes(r));
}

export function requireRole(p: Principal, roles: readonly Role[]): void {
  if (!hasRole(p, roles)) throw new Forbidden(`This needs one of the roles: ${roles.join(', ')}`, 'role_required');
}

/**
 * Ownership check: someone else's resource answers 404, as a missing one does, so ids of
 * other users are not confirmed to exist.
 */
export function requireOwner(p: Principal, ownerId: string | null | undefined, what = 'Resource'): void {
  if (ownerId !== p.userId) throw new NotFound(`${what} not found`);
}

import { getConfig } from '../config';
import { parseKeyRing, type KeyRing } from './jwt';

let ring: KeyRing | undefined;

/** The JWT key ring from JWT_KEYS ("kid:base64,..."; first signs, the rest still verify). */
export function keyRing(): KeyRing {
  if (ring) return ring;
  const spec = getConfig().JWT_KEYS;
  if (!spec) throw new Error('JWT_KEYS is not set (npm start generates one for local use under ./data)');
  ring = parseKeyRing(spec);
  return ring;
}

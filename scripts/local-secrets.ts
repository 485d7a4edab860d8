import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Local runs need signing and encryption keys but no setup: generate them once into
 * DATA_DIR/secrets.json (mode 600) and reuse them, so sessions survive restarts.
 * Production sets JWT_KEYS and DATA_ENCRYPTION_KEY itself (config refuses to start without).
 */
export function loadLocalSecrets(dataDir: string): void {
  if (process.env.APP_ENV === 'production') return;
  const file = path.resolve(dataDir, 'secrets.json');
  let secrets: { JWT_KEYS: string; DATA_ENCRYPTION_KEY: string };
  if (existsSync(file)) {
    secrets = JSON.parse(readFileSync(file, 'utf8'));
  } else {
    mkdirSync(path.dirname(file), { recursive: true });
    secrets = {
      JWT_KEYS: `local-${Date.now().toString(36)}:${randomBytes(32).toString('base64url')}`,
      DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64url'),
    };
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  process.env.JWT_KEYS ??= secrets.JWT_KEYS;
  process.env.DATA_ENCRYPTION_KEY ??= secrets.DATA_ENCRYPTION_KEY;
}

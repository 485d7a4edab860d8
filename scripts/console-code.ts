// npm run console:code -- <secret>: the current TOTP code for a platform admin's secret (what an
// authenticator app shows). For local runs with the demo operator, whose secret `npm start`
// prints; a real operator uses an authenticator app.
import { base32Decode, hotp } from '../src/server/auth/totp';

const secret = process.argv[2] ?? process.env.CONSOLE_TOTP_SECRET;
if (!secret) {
  console.error('usage: npm run console:code -- <base32 secret>  (npm start prints the demo operator’s)');
  process.exit(2);
}
const step = Math.floor(Date.now() / 30_000);
const left = 30 - Math.floor((Date.now() / 1000) % 30);
console.log(`${hotp(base32Decode(secret), step)}  (valid for ${left} more seconds)`);

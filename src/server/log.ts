import pino from 'pino';

// Structured logs; anything that could carry a secret is redacted at the source.
export const log = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
  base: undefined,
  redact: {
    paths: [
      'password', '*.password', 'token', '*.token', 'refreshToken', '*.refreshToken', 'code', '*.code',
      'secret', '*.secret', 'headers.authorization', 'headers.cookie', 'req.headers.authorization', 'req.headers.cookie',
    ],
    censor: '[redacted]',
  },
});

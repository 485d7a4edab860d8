import { format } from 'node:util';
import pino, { type Logger } from 'pino';

// One structured log for every process (web, worker, mailer, indexer, npm start itself):
// JSON lines by default (what a log shipper reads), or the same records as short text lines
// with LOG_FORMAT=pretty (npm start's default for people at a terminal). Framework output
// that bypasses the logger (Next.js prints errors with console.error) is routed into it by
// routeConsoleToLog, so nothing a process prints is in another format.
//
// Redaction hides secrets by name wherever they sit, and only secrets: error codes (`code`,
// `err.code`) stay readable because they are what an operator searches for at 3 a.m.

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const SECRET_KEYS = [
  'password', 'newPassword', 'currentPassword', 'token', 'accessToken', 'refreshToken', 'idToken', 'secret', 'apiKey',
  'privateKey', 'mnemonic', 'otp', 'totp', 'mfaCode', 'recoveryCode', 'verificationCode', 'resetCode', 'signature',
  'authorization', 'cookie', 'set-cookie', 'x-csrf-token',
];
export const REDACT_PATHS = [
  ...SECRET_KEYS.flatMap((k) => (/^\w+$/.test(k) ? [k, `*.${k}`] : [`["${k}"]`, `*["${k}"]`])),
  'headers.authorization', 'headers.cookie', 'req.headers.authorization', 'req.headers.cookie',
];

function levelFromEnv(): LogLevel {
  const wanted = process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info');
  // A bad value is reported by the configuration check (config.ts) with the other bad values;
  // here it must not crash the import that reports it.
  return (LOG_LEVELS as readonly string[]).includes(wanted) ? (wanted as LogLevel) : 'info';
}

const LEVEL_NAMES: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

/** The pretty format: one line per record, `time level role: message key=value…`. */
export function prettyLine(json: string): string {
  try {
    const { time, level, role, msg, err, ...rest } = JSON.parse(json) as Record<string, unknown>;
    const e = err as { message?: string; code?: string; stack?: string } | undefined;
    if (e) rest.error = `${e.code ? `${e.code} ` : ''}${e.message ?? ''}`;
    const at = typeof time === 'number' ? new Date(time).toISOString().slice(11, 19) : '';
    const fields = Object.entries(rest)
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(' ');
    const stack = e?.stack ? `\n${e.stack.replace(/^/gm, '    ')}` : '';
    return `${at} ${(LEVEL_NAMES[level as number] ?? String(level)).padEnd(5)} ${role ?? '-'}: ${msg ?? ''}${fields ? `  ${fields}` : ''}${stack}\n`;
  } catch {
    return json;
  }
}

function destination(): pino.DestinationStream {
  if (process.env.LOG_FORMAT !== 'pretty') return pino.destination({ fd: 1, sync: true });
  return { write: (line: string) => void process.stdout.write(prettyLine(line)) };
}

export function createLogger(role: string, dest: pino.DestinationStream = destination()): Logger {
  return pino(
    {
      level: levelFromEnv(),
      base: { role },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    },
    dest,
  );
}

/** The logger of this process; its role is set once by the process's entry script. */
export let log: Logger = createLogger(process.env.LOG_ROLE ?? 'web');

export function setLogRole(role: string): Logger {
  process.env.LOG_ROLE = role;
  log = createLogger(role);
  return log;
}

/**
 * Sends console output (Next.js's own errors and warnings, libraries that print) through the
 * logger: console.error → error, console.warn → warn, the rest → info.
 */
export function routeConsoleToLog(logger: () => Logger = () => log): void {
  const to = (level: 'info' | 'warn' | 'error' | 'debug') => (...args: unknown[]) => {
    const err = args.find((a): a is Error => a instanceof Error);
    const msg = format(...args.map((a) => (a instanceof Error ? a.message : a)));
    if (err) logger()[level]({ err }, msg);
    else logger()[level](msg);
  };
  console.log = to('info');
  console.info = to('info');
  console.warn = to('warn');
  console.error = to('error');
  console.debug = to('debug');
}

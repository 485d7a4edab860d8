import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Config } from '../config';

// Where queued mail goes: an SMTP server, Resend's HTTP API, or (locally, when neither is
// configured) the dev inbox, a folder of text files the start-up script also prints.
// Each transport says whether a failure is worth retrying: a refused address or a rejected
// API key will fail the same way again; a timeout or a 4xx SMTP reply may not.

/** `text` always; `html` beside it when the mail was drawn from a template (multipart/alternative). */
export type OutgoingMail = { id: string; from: string; to: string; subject: string; text: string; html?: string; headers?: Record<string, string> };
export type SendResult = { providerMessageId?: string };

export class SendFailure extends Error {
  constructor(message: string, readonly permanent: boolean) {
    super(message);
  }
}

export type MailTransport = { name: 'smtp' | 'resend' | 'dev-inbox'; send: (mail: OutgoingMail) => Promise<SendResult>; close?: () => void };

export function devInboxTransport(dir: string, print?: (line: string) => void): MailTransport {
  mkdirSync(dir, { recursive: true });
  return {
    name: 'dev-inbox',
    async send(m) {
      const at = new Date().toISOString();
      const extra = Object.entries(m.headers ?? {}).map(([k, v]) => `${k}: ${v}\n`).join('');
      const name = `${at.replace(/[:.]/g, '-')}-${m.id}`;
      writeFileSync(path.join(dir, `${name}.txt`), `From: ${m.from}\nTo: ${m.to}\nSubject: ${m.subject}\nDate: ${at}\n${extra}\n${m.text}\n`);
      // The HTML part beside it, to open in a browser and see the mail as a reader would.
      if (m.html) writeFileSync(path.join(dir, `${name}.html`), m.html);
      print?.(`[dev inbox] ${m.to}: ${m.subject}\n${m.text.replace(/^/gm, '    ')}`);
      return {};
    },
  };
}

export function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport(url);
  return {
    name: 'smtp',
    async send(m) {
      try {
        // The outbox id is the Message-ID: a message resent after a crash is recognisably the same one.
        const info = await transporter.sendMail({ from: m.from, to: m.to, subject: m.subject, text: m.text, html: m.html, headers: m.headers, messageId: `<${m.id}@community-deals>` });
        return { providerMessageId: info.messageId };
      } catch (e) {
        const err = e as { responseCode?: number; code?: string; message?: string };
        // 5xx replies are permanent (RFC 5321 4.2.1); 4xx replies and connection errors are not.
        const permanent = typeof err.responseCode === 'number' && err.responseCode >= 500;
        throw new SendFailure(`SMTP ${err.responseCode ?? err.code ?? 'error'}: ${err.message ?? String(e)}`, permanent);
      }
    },
    close: () => transporter.close(),
  };
}

export function resendTransport(apiKey: string, baseUrl: string): MailTransport {
  return {
    name: 'resend',
    async send(m) {
      let res: Response;
      try {
        res = await fetch(new URL('/emails', baseUrl), {
          method: 'POST',
          headers: {
            authorization: `Bearer ${apiKey}`,
            'content-type': 'application/json',
            // Resend keeps idempotency keys for 24 hours: a retry after a lost response is not a second email.
            'idempotency-key': m.id,
          },
          body: JSON.stringify({ from: m.from, to: [m.to], subject: m.subject, text: m.text, ...(m.html ? { html: m.html } : {}), ...(m.headers && Object.keys(m.headers).length ? { headers: m.headers } : {}) }),
          signal: AbortSignal.timeout(15_000),
        });
      } catch (e) {
        throw new SendFailure(`Resend unreachable: ${e instanceof Error ? e.message : String(e)}`, false);
      }
      const body = (await res.json().catch(() => ({}))) as { id?: string; message?: string; name?: string };
      if (res.ok) return { providerMessageId: body.id };
      // 429 and 5xx are worth retrying; any other 4xx (bad key, invalid address) is not.
      const permanent = res.status < 500 && res.status !== 429;
      throw new SendFailure(`Resend ${res.status}${body.name ? ` ${body.name}` : ''}: ${body.message ?? res.statusText}`, permanent);
    },
  };
}

/** The transport the configuration names: SMTP first, then Resend, else the dev inbox (never in production: config refuses it). */
export function transportFromConfig(config: Config, print?: (line: string) => void): MailTransport {
  if (config.SMTP_URL) return smtpTransport(config.SMTP_URL);
  if (config.RESEND_API_KEY) return resendTransport(config.RESEND_API_KEY, config.RESEND_BASE_URL);
  return devInboxTransport(path.resolve(config.DATA_DIR, 'mail'), print);
}

import http from 'node:http';
import type { AddressInfo } from 'node:net';

// A fake Telegram Bot API (POST /bot<token>/<method>, JSON in and out, Telegram's envelope
// {ok, result} / {ok: false, error_code, description}), started by a test: grammy's apiRoot
// (TELEGRAM_API_ROOT) points at it. It records every call and answers sendMessage with the
// statuses queued in `failSend` first.

export type BotCall = { token: string; method: string; payload: Record<string, any> };

export type FakeTelegram = {
  apiRoot: string;
  calls: BotCall[];
  /** Statuses sendMessage answers before it succeeds again (502, 429, 403 ...). */
  failSend: number[];
  /** Tokens getMe refuses with 401. */
  refused: Set<string>;
  close: () => Promise<void>;
};

const botIdOf = (token: string) => Number(token.split(':')[0]);

export async function startFakeTelegram(): Promise<FakeTelegram> {
  const calls: BotCall[] = [];
  const failSend: number[] = [];
  const refused = new Set<string>();
  let messageId = 1000;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const m = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? '');
      const answer = (status: number, json: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
      if (!m) return answer(404, { ok: false, error_code: 404, description: 'Not Found' });
      const [, token, method] = m as unknown as [string, string, string];
      const payload = body ? (JSON.parse(body) as Record<string, any>) : {};
      calls.push({ token, method, payload });
      if (refused.has(token)) return answer(401, { ok: false, error_code: 401, description: 'Unauthorized' });
      switch (method) {
        case 'getMe':
          return answer(200, { ok: true, result: { id: botIdOf(token), is_bot: true, first_name: 'Deals Bot', username: `deals_${botIdOf(token)}_bot`, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false } });
        case 'sendMessage': {
          const fail = failSend.shift();
          if (fail) return answer(fail, { ok: false, error_code: fail, description: fail === 403 ? 'Forbidden: bot was blocked by the user' : 'Bad Gateway', ...(fail === 429 ? { parameters: { retry_after: 1 } } : {}) });
          return answer(200, { ok: true, result: { message_id: ++messageId, date: Math.floor(Date.now() / 1000), chat: { id: Number(payload.chat_id), type: 'private' }, text: payload.text } });
        }
        default:
          return answer(200, { ok: true, result: true });
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    apiRoot: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    failSend,
    refused,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

let updateId = 1;

/** An update as Telegram posts it for a text message in a private chat. */
export function textUpdate(chatId: number, text: string, username = 'alice') {
  return {
    update_id: ++updateId,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatId, type: 'private', username, first_name: 'Alice' },
      from: { id: chatId, is_bot: false, first_name: 'Alice', username },
      text,
      ...(text.startsWith('/') ? { entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]!.length }] } : {}),
    },
  };
}

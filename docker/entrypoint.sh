#!/bin/sh
# One image, one process per container: the first argument names the role.
#   web      the HTTP server (scripts/serve.ts), port $PORT (3000)
#   worker   background jobs on pg-boss: escrow deadlines, timeout refunds, chain deployments and transactions
#   mailer   mail delivery from the outbox (SMTP_URL or RESEND_API_KEY)
#   indexer  follows each enabled chain and writes what it sees
#   migrate  applies database migrations, then exits (a release step before the others start)
# Anything else is run as a command (docker run <image> sh, …).
set -e
role="${1:-web}"
export CDP_ROLE="$role"
case "$role" in
  web)     exec node --max-semi-space-size=32 --import tsx scripts/serve.ts -p "${PORT:-3000}" ;;
  worker)  exec node --import tsx scripts/worker.ts ;;
  mailer)  exec node --import tsx scripts/mailer.ts ;;
  indexer) exec node --import tsx scripts/indexer.ts ;;
  migrate) exec node --import tsx scripts/migrate.ts ;;
  *)       exec "$@" ;;
esac

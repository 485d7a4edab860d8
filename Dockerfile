# Production image: current LTS, non-root user, production dependencies only.
# DATABASE_URL, APP_DB_PASSWORD, JWT_KEYS and RPC_URL come from the environment (APP_ENV=production).
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts/postinstall.mjs scripts/postinstall.mjs
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx next build

FROM node:22-bookworm-slim
ENV NODE_ENV=production APP_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts/postinstall.mjs scripts/postinstall.mjs
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/.next ./.next
COPY --from=build /app/src ./src
COPY --from=build /app/db ./db
COPY --from=build /app/scripts ./scripts
COPY --from=build /app/contracts/abi ./contracts/abi
COPY --from=build /app/next.config.ts /app/tsconfig.json ./
USER node
EXPOSE 3000
# Ready = the database answers and every migration is applied (any host; no tenant needed).
HEALTHCHECK --interval=15s --timeout=5s --start-period=40s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/api/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Migrations run as a release step: docker run <image> npx tsx scripts/migrate.ts
# --max-semi-space-size: the same young-generation size as scripts/start.ts (see there).
# scripts/serve.ts takes the client address from the socket and sends HSTS because APP_ENV=production at run time.
CMD ["node", "--max-semi-space-size=32", "--import", "tsx", "scripts/serve.ts", "-p", "3000"]

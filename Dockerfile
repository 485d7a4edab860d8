# Production image: current LTS, non-root user, production dependencies only.
# One image runs every process of the platform, one per container, named by its first argument
# (docker/entrypoint.sh): web (default), worker, mailer, indexer, migrate. compose.yaml starts
# them all with PostgreSQL and Redis. Secrets come from the environment (APP_ENV=production
# refuses to start without each one it needs).
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts/postinstall.mjs scripts/postinstall.mjs
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx next build

FROM node:22-bookworm-slim
ENV NODE_ENV=production APP_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 DATA_DIR=/app/data LOG_FORMAT=json
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts/postinstall.mjs scripts/postinstall.mjs
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/.next ./.next
COPY --from=build /app/src ./src
COPY --from=build /app/db ./db
COPY --from=build /app/scripts ./scripts
COPY --from=build /app/docker ./docker
COPY --from=build /app/contracts/abi ./contracts/abi
COPY --from=build /app/contracts/deployments ./contracts/deployments
COPY --from=build /app/next.config.ts /app/tsconfig.json ./
# The data volume (stored files, generated local keys) belongs to the unprivileged user.
RUN mkdir -p /app/data && chown node:node /app/data && chmod 0750 /app/data
VOLUME ["/app/data"]
USER node
EXPOSE 3000
# web: ready = the database answers and every migration is applied (any host; no tenant needed).
# worker, mailer, indexer: their loop touched its heartbeat within the last minute.
HEALTHCHECK --interval=15s --timeout=5s --start-period=40s --retries=3 CMD ["node", "docker/healthcheck.mjs"]
ENTRYPOINT ["docker/entrypoint.sh"]
CMD ["web"]

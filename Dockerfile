# storyroom: a small production image (untested here: this machine has no Docker; written against the
# official node image's docs). Build: docker build -t storyroom .   Run: see compose.yaml and README, Scaling.
# Node runs the TypeScript sources directly (type stripping, Node >= 22.18), so there is no build step.

# --- dependencies: production only, installed exactly from the lockfile -----------------------------------
FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

# --- runtime ------------------------------------------------------------------------------------------------
FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    STORE_URL=sqlite:///app/data/storyroom.sqlite \
    EXPORTS_DIR=/app/exports
WORKDIR /app
COPY --from=deps --chown=root:root /app/node_modules ./node_modules
COPY --chown=root:root package.json ./
COPY --chown=root:root src ./src
# The code stays root-owned and read-only to the app; only its data and export folders are writable.
RUN mkdir -p /app/data /app/exports && chown node:node /app/data /app/exports
# The image's unprivileged user (uid 1000).
USER node
VOLUME ["/app/data"]
# The metrics endpoint, when METRICS_PORT=9464 is set (off by default).
EXPOSE 9464
# Exec form: node is PID 1 and gets SIGTERM itself, which starts storyroom's graceful shutdown
# (SHUTDOWN_GRACE_MS); give `docker stop` more time than that (compose.yaml sets stop_grace_period).
CMD ["node", "src/main.ts"]

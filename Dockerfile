# One image, two process groups (fly.toml: web and worker). Multi-stage on the official Bun
# image: dependencies are installed in their own stage so the runtime carries no build cache.
ARG BUN_VERSION=1.4.5

FROM oven/bun:${BUN_VERSION} AS deps
WORKDIR /app
COPY package.json bun.lock ./
RUN bun install --frozen-lockfile --production --ignore-scripts

FROM oven/bun:${BUN_VERSION}-slim AS runtime
WORKDIR /app
ENV APP_ENV=production NODE_ENV=production PORT=3000
COPY --from=deps /app/node_modules ./node_modules
COPY package.json bun.lock bunfig.toml tsconfig.json ./
COPY src ./src
COPY views ./views
COPY jobs ./jobs
COPY drizzle ./drizzle
COPY public ./public
COPY scripts ./scripts
USER bun
EXPOSE 3000
# ROLE (web | worker | all) is set per process group in fly.toml.
CMD ["bun", "src/server.ts"]

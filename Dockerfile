# One image for every PeopleGraph process; docker-compose.yml picks the command
# (migrate, seed, subgraph <name>, gateway). Build: docker build -t peoplegraph .

FROM node:20-slim AS build
WORKDIR /app
# npm ci runs the postinstall hook, which generates the Prisma client from prisma/schema.prisma.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
RUN npm ci
COPY . .
RUN npm run build

FROM node:20-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0
WORKDIR /app
# Runtime dependencies only; the generated Prisma client is already compiled into dist/generated.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY bin ./bin
# Read at run time from the project root: migrations by `migrate`, the supergraph by the gateway.
COPY prisma/migrations ./prisma/migrations
COPY gateway/supergraph.graphql ./gateway/supergraph.graphql
USER node
EXPOSE 4000 4001 4002 4003 4004 4005
ENTRYPOINT ["node", "dist/cli/main.js"]
CMD ["start"]

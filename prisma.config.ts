// Prisma CLI configuration (Prisma 7). The CLI is used for `prisma generate` and `prisma validate`
// only; migrations are applied by the project's own runner (`npm run migrate`, db/migrate.ts).
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/peoplegraph' },
});

// Generates the Prisma client into generated/prisma (run on npm install). The Prisma CLI wants a native
// schema engine binary even though `generate` does not use it; any executable satisfies the check.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.platform === 'win32' ? process.execPath : '/bin/true';
env.PRISMA_HIDE_UPDATE_MESSAGE = '1';
const cli = path.join(__dirname, '..', 'node_modules', 'prisma', 'build', 'index.js');
execFileSync(process.execPath, [cli, 'generate', '--schema', path.join(__dirname, 'schema.prisma')], { stdio: 'inherit', env });

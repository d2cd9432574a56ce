// Files that ship with the project (migrations, supergraph) are found from the project root, so the
// same code works from sources (tests) and from dist/ (npm start).
import fs from 'node:fs';
import path from 'node:path';

let root: string | undefined;

export function projectRoot(): string {
  if (root) return root;
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`package.json not found above ${__dirname}`);
    dir = parent;
  }
  root = dir;
  return dir;
}

export const migrationsDir = () => path.join(projectRoot(), 'prisma', 'migrations');
export const supergraphFile = () => path.join(projectRoot(), 'gateway', 'supergraph.graphql');

#!/usr/bin/env node
// Entry point of the `peoplegraph` command; runs the compiled CLI (built by `npm run build`).
const path = require('node:path');
const fs = require('node:fs');
const main = path.join(__dirname, '..', 'dist', 'cli', 'main.js');
if (!fs.existsSync(main)) {
  process.stderr.write('PeopleGraph is not built yet: run `npm run build` (or `npm start`) first.\n');
  process.exit(1);
}
require(main);

// Composes the five subgraph schemas into the supergraph the gateway serves. The result is committed as
// gateway/supergraph.graphql; a test fails when it no longer matches the subgraphs.
import fs from 'node:fs';
import { parse } from 'graphql';
import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { SUBGRAPH_NAMES, loadConfig } from '../platform/config';
import { supergraphFile } from '../platform/paths';
import { SUBGRAPHS } from '../subgraphs';
import { buildSubgraph } from '../subgraphs/shared/factory';

/** Subgraph SDL as each subgraph reports it over `_service { sdl }`. */
export async function subgraphSdls(): Promise<Array<{ name: string; sdl: string }>> {
  const out: Array<{ name: string; sdl: string }> = [];
  for (const name of SUBGRAPH_NAMES) {
    out.push({ name, sdl: printSubgraphSchema(await buildSubgraph(SUBGRAPHS[name])) });
  }
  return out;
}

export async function composeSupergraph(): Promise<string> {
  // Routing URLs in the file are the embedded defaults; the gateway overrides them from configuration.
  const urls = loadConfig({}).subgraphUrls;
  const sdls = await subgraphSdls();
  const result = composeServices(sdls.map(({ name, sdl }) => ({ name, url: urls[name as keyof typeof urls], typeDefs: parse(sdl) })));
  if (result.errors) {
    throw new Error(`Supergraph composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`);
  }
  return `${result.supergraphSdl.trim()}\n`;
}

export async function writeSupergraph(file = supergraphFile()): Promise<string> {
  const sdl = await composeSupergraph();
  fs.writeFileSync(file, sdl);
  return file;
}

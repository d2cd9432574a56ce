// Consumer-facing contracts against the last release: the GraphQL API schema (from the composed
// supergraph, compared with @graphql-inspector/core) and every event's JSON Schema. A breaking change
// passes only when CHANGELOG.md declares it: its id, in backticks, under "### Breaking" of the
// "## Unreleased" section.
import { diff, CriticalityLevel } from '@graphql-inspector/core';
import { buildASTSchema, Kind, parse, visit, type ASTNode, type DirectiveNode } from 'graphql';
import type { JsonSchema } from './event-json-schemas';

export interface ContractChange {
  /** Stable id to declare in the changelog: `graphql:Type.field…` or `event:File:json.path`. */
  id: string;
  breaking: boolean;
  message: string;
}

/** Federation's own machinery in a supergraph: not part of what clients can query. */
const isFederationName = (name: string) => /^(join__|link__|link$|inaccessible$|tag$)/.test(name);

/** The schema clients see: the supergraph without federation directives, types and @inaccessible elements. */
export function apiSchema(supergraphSdl: string) {
  const hidden = (node: { directives?: readonly DirectiveNode[] }) => node.directives?.some((d) => d.name.value === 'inaccessible') ?? false;
  const doc = visit(parse(supergraphSdl), {
    enter(node: ASTNode) {
      switch (node.kind) {
        case Kind.SCHEMA_DEFINITION:
        case Kind.SCHEMA_EXTENSION:
          return { ...node, directives: [] };
        case Kind.DIRECTIVE_DEFINITION:
          return isFederationName(node.name.value) ? null : undefined;
        case Kind.DIRECTIVE:
          return isFederationName(node.name.value) ? null : undefined;
        case Kind.OBJECT_TYPE_DEFINITION: case Kind.INTERFACE_TYPE_DEFINITION: case Kind.ENUM_TYPE_DEFINITION:
        case Kind.SCALAR_TYPE_DEFINITION: case Kind.INPUT_OBJECT_TYPE_DEFINITION: case Kind.UNION_TYPE_DEFINITION:
          return isFederationName(node.name.value) || hidden(node) ? null : undefined;
        case Kind.FIELD_DEFINITION: case Kind.INPUT_VALUE_DEFINITION: case Kind.ENUM_VALUE_DEFINITION:
          return hidden(node) ? null : undefined;
        default:
          return undefined;
      }
    },
  });
  return buildASTSchema(doc, { assumeValidSDL: true });
}

export async function compareSupergraphs(releasedSdl: string, currentSdl: string): Promise<ContractChange[]> {
  const changes = await diff(apiSchema(releasedSdl), apiSchema(currentSdl));
  return changes.map((c) => ({
    id: `graphql:${c.path ?? c.type}`,
    breaking: c.criticality.level === CriticalityLevel.Breaking,
    message: c.message,
  }));
}

type Node = Record<string, unknown>;
const typeOf = (n: Node) => JSON.stringify(n.type ?? (n.const !== undefined ? 'const' : n.enum ? 'enum' : n.anyOf ? 'anyOf' : 'any'));

/** What a reader of `before` can no longer rely on in `after`. */
function compareNodes(file: string, path: string, before: Node, after: Node, out: ContractChange[]): void {
  const at = `event:${file}:${path || '(root)'}`;
  if (typeOf(before) !== typeOf(after)) {
    out.push({ id: at, breaking: true, message: `type changed from ${typeOf(before)} to ${typeOf(after)}` });
    return;
  }
  if (before.const !== undefined && JSON.stringify(before.const) !== JSON.stringify(after.const)) {
    out.push({ id: at, breaking: true, message: 'constant value changed' });
  }
  const bEnum = (before.enum as unknown[] | undefined) ?? null;
  const aEnum = (after.enum as unknown[] | undefined) ?? null;
  if (bEnum && aEnum) {
    for (const v of aEnum) if (!bEnum.includes(v)) out.push({ id: `${at}=${String(v)}`, breaking: false, message: `enum value ${String(v)} added (readers with an exhaustive switch must handle it)` });
    for (const v of bEnum) if (!aEnum.includes(v)) out.push({ id: `${at}=${String(v)}`, breaking: false, message: `enum value ${String(v)} no longer sent` });
  }
  const bProps = (before.properties as Record<string, Node> | undefined) ?? {};
  const aProps = (after.properties as Record<string, Node> | undefined) ?? {};
  const bReq = new Set((before.required as string[] | undefined) ?? []);
  const aReq = new Set((after.required as string[] | undefined) ?? []);
  for (const [name, node] of Object.entries(bProps)) {
    const p = path ? `${path}.${name}` : name;
    if (!(name in aProps)) {
      out.push({ id: `event:${file}:${p}`, breaking: true, message: `property ${p} removed` });
      continue;
    }
    if (bReq.has(name) && !aReq.has(name)) out.push({ id: `event:${file}:${p}`, breaking: true, message: `property ${p} is no longer always present` });
    compareNodes(file, p, node, aProps[name]!, out);
  }
  for (const name of Object.keys(aProps)) {
    if (!(name in bProps)) out.push({ id: `event:${file}:${path ? `${path}.${name}` : name}`, breaking: false, message: `property ${name} added` });
  }
  if (before.items && after.items) compareNodes(file, `${path}[]`, before.items as Node, after.items as Node, out);
}

export function compareEventSchemas(released: Map<string, JsonSchema>, current: Map<string, JsonSchema>): ContractChange[] {
  const out: ContractChange[] = [];
  for (const [file, schema] of released) {
    const now = current.get(file);
    if (!now) {
      out.push({ id: `event:${file}`, breaking: true, message: `${file} is no longer published (an event type or version was removed)` });
      continue;
    }
    compareNodes(file, '', schema, now, out);
  }
  for (const file of current.keys()) if (!released.has(file)) out.push({ id: `event:${file}`, breaking: false, message: `${file} added` });
  return out;
}

/** The ids declared as breaking in the changelog's Unreleased section. */
export function declaredBreakingChanges(changelog: string): Set<string> {
  const unreleased = /^## Unreleased[^\n]*\n([\s\S]*?)(?=^## |$(?![\s\S]))/m.exec(changelog)?.[1] ?? '';
  const breaking = /^### Breaking[^\n]*\n([\s\S]*?)(?=^### |$(?![\s\S]))/m.exec(unreleased)?.[1] ?? '';
  return new Set([...breaking.matchAll(/`([^`]+)`/g)].map((m) => m[1]!));
}

export function undeclaredBreakingChanges(changes: ContractChange[], declared: Set<string>): ContractChange[] {
  return changes.filter((c) => c.breaking && !declared.has(c.id));
}

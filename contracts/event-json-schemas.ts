// The event contracts of core/events/contracts.ts as JSON Schema (draft 2020-12), one document per
// event type and version, plus the CloudEvents envelope: what docs/events/*.schema.json publishes.
// Published schemas are the reader's contract: they leave additional properties open, because a
// version may gain optional properties and consumers must ignore what they do not know (the producer
// still checks every payload strictly before it leaves).
import { z } from 'zod';
import { CloudEventSchema, EVENT_CONTRACTS, eventDataSchema } from '../core/events';

export type JsonSchema = Record<string, unknown>;

function openObjects(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(openObjects);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'additionalProperties' && v === false) continue;
    out[k] = openObjects(v);
  }
  return out;
}

/** File name → schema, in a stable order. */
export function eventJsonSchemas(): Map<string, JsonSchema> {
  const out = new Map<string, JsonSchema>();
  out.set('cloudevent.schema.json', {
    $id: 'urn:peoplegraph:events:envelope',
    title: 'PeopleGraph CloudEvents 1.0 envelope',
    ...(openObjects(z.toJSONSchema(CloudEventSchema.omit({ data: true }))) as JsonSchema),
  });
  for (const [type, versions] of Object.entries(EVENT_CONTRACTS)) {
    for (const [version, schema] of Object.entries(versions as Record<string, z.ZodType>)) {
      const json = openObjects(z.toJSONSchema(schema)) as JsonSchema;
      out.set(`${type}.v${version}.schema.json`, { ...json, $id: eventDataSchema(type, Number(version)), title: `${type} data, version ${version}` });
    }
  }
  return out;
}

export function renderSchema(schema: JsonSchema): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

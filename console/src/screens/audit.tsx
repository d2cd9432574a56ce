// The audit log: one flow by correlation id (the candidate-to-employee timeline as one picture), one
// entity's log, narrowed by actor; each entry with its chain hash.
import { useState } from 'react';
import { Button, Group, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery } from '../use-api';
import { ApiErrorAlert } from '../components/api-error';
import { FlowChart } from '../components/flow-chart';
import { AuditTimeline, type AuditRow } from './person-page';
import { href, navigate } from '../router';
import { show, when } from '../format';
import { scrollableRegion } from '../components/scrollable-region';

const AUDIT = `query ConsoleAudit($correlationId: String, $entityId: ID, $after: String) { auditEvents(correlationId: $correlationId, entityId: $entityId, first: 100, after: $after) {
  edges { node { eventId type entityType entityId attribute oldValue newValue actorId sourceSystem reasonCode correlationId causationId occurredAt hash } }
  pageInfo { hasNextPage endCursor }
} }`;

interface Page {
  edges: { node: Row }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** The audit screen reads, besides what a person's history shows, the entity, the cause and the hash. */
interface Row extends AuditRow {
  entityId: string;
  causationId: string | null;
  hash: string;
}

export function Audit({ correlationId, entityId }: { correlationId?: string; entityId?: string }) {
  const [cid, setCid] = useState(correlationId ?? '');
  const [eid, setEid] = useState(entityId ?? '');
  const [actor, setActor] = useState<string | null>(null);
  const asked = correlationId || entityId ? { correlationId: correlationId ?? null, entityId: entityId ?? null } : null;
  const q = useQuery<{ auditEvents: Page }>(AUDIT, asked);
  const fetchPage = useMutation();
  const [later, setLater] = useState<Page[]>([]);
  const [loadingMore, setLoadingMore] = useState(false);
  const pages = q.data ? [q.data.auditEvents, ...later] : [];
  const lastPage = pages[pages.length - 1];
  const rows = pages.flatMap((p) => p.edges.map((e) => e.node));
  const loadMore = async () => {
    if (!lastPage?.pageInfo.endCursor) return;
    setLoadingMore(true);
    try {
      const next = await fetchPage<{ auditEvents: Page }>(AUDIT, { ...asked, after: lastPage.pageInfo.endCursor });
      setLater((l) => [...l, next.auditEvents]);
    } finally {
      setLoadingMore(false);
    }
  };
  const actors = [...new Set(rows.map((r) => r.actorId))].sort();
  const shown = actor ? rows.filter((r) => r.actorId === actor) : rows;
  const last = rows[rows.length - 1];
  return (
    <Stack>
      <Title order={1}>Audit</Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setActor(null);
          navigate(href({ screen: 'audit', correlationId: cid.trim() || undefined, entityId: eid.trim() || undefined }));
        }}
      >
        <Group align="flex-end" wrap="wrap">
          <TextInput label="Correlation id" description="A person id reads back that person's whole flow" value={cid} onChange={(e) => setCid(e.currentTarget.value)} w={340} />
          <TextInput label="Entity id" description="One person, offer, employment, …" value={eid} onChange={(e) => setEid(e.currentTarget.value)} w={340} />
          <Button type="submit">Show events</Button>
        </Group>
      </form>
      <ChainVerification latest={last} />
      {!asked && <Text>Give a correlation id or an entity id. Person pages link every change to its flow.</Text>}
      <ApiErrorAlert errors={q.errors} />
      {q.data && (
        <>
          <Group align="flex-end" wrap="wrap">
            <Select label="Actor" placeholder="Every actor" data={actors} value={actor} onChange={setActor} clearable w={240} />
            <Text size="sm" mb={8} role="status">
              {shown.length} event{shown.length === 1 ? '' : 's'}
              {lastPage?.pageInfo.hasNextPage ? ` (first ${rows.length})` : ''}
            </Text>
            {lastPage?.pageInfo.hasNextPage && (
              <Button variant="outline" mb={4} loading={loadingMore} onClick={() => void loadMore()}>
                Load 100 more
              </Button>
            )}
          </Group>
          {shown.length > 0 && (
            <Paper withBorder p="md" component="section" aria-labelledby="flow-title">
              <Title order={2} id="flow-title" size="h3" mb="sm">
                The flow as one picture
              </Title>
              <FlowChart title="Events by entity, in order" events={shown} />
            </Paper>
          )}
          <SimpleTimeline rows={shown} />
        </>
      )}
    </Stack>
  );
}

const VERIFY = `query ConsoleAuditVerification { auditLogVerification {
  ok checked sealed pending blocks verifiedCheckpoints lastCheckpointBlock lastCheckpointAt verifiedAt brokenAt { kind reason seq block }
} }`;

interface Verification {
  ok: boolean;
  checked: number;
  sealed: number;
  pending: number;
  blocks: number;
  verifiedCheckpoints: number;
  lastCheckpointBlock: number | null;
  lastCheckpointAt: string | null;
  verifiedAt: string;
  brokenAt: { kind: string; reason: string; seq: string | null; block: number | null } | null;
}

/** The chain's verification, asked of the API on demand (it reads the whole log), as audit:verify reports it. */
function ChainVerification({ latest }: { latest?: Row }) {
  const verify = useMutation();
  const [result, setResult] = useState<Verification | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult((await verify<{ auditLogVerification: Verification }>(VERIFY, {})).auditLogVerification);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="chain-title">
      <Title order={2} id="chain-title" size="h3" mb="sm">
        Chain verification
      </Title>
      <Text size="sm" mb="sm">
        Every entry carries its SHA-256 hash; sealed blocks chain them in commit order, and signed checkpoints published outside the
        database pin the head.{latest ? ` Latest entry shown: ${when(latest.occurredAt)}, hash ${latest.hash.slice(0, 16)}…` : ''}
      </Text>
      <Button variant="outline" loading={busy} onClick={() => void run()}>
        Verify the audit log now
      </Button>
      {error && (
        <Text size="sm" mt="sm" role="alert">
          {error}
        </Text>
      )}
      {result && (
        <Text size="sm" mt="sm" role="status" data-testid="chain-verification">
          {result.ok ? 'Intact' : `Broken: ${result.brokenAt?.kind} — ${result.brokenAt?.reason}${result.brokenAt?.seq ? ` (entry ${result.brokenAt.seq})` : ''}`}
          {` · ${result.checked} entries checked, ${result.sealed} sealed in ${result.blocks} blocks, ${result.pending} not sealed yet`}
          {` · ${result.verifiedCheckpoints} checkpoint${result.verifiedCheckpoints === 1 ? '' : 's'} matched`}
          {result.lastCheckpointAt ? `, the last of block ${result.lastCheckpointBlock} at ${when(result.lastCheckpointAt)}` : ', none published yet'}
          {` · verified ${when(result.verifiedAt)}`}
        </Text>
      )}
    </Paper>
  );
}

function SimpleTimeline({ rows }: { rows: Row[] }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="events-title">
      <Title order={2} id="events-title" size="h3" mb="sm">
        Events
      </Title>
      <AuditTimeline rows={rows} />
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={600} mt="md" scrollAreaProps={{ viewportProps: scrollableRegion('Audit entries') }}>
          <Table withTableBorder striped aria-label="Audit entries">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">When</Table.Th>
                <Table.Th scope="col">Type</Table.Th>
                <Table.Th scope="col">Entity</Table.Th>
                <Table.Th scope="col">Attribute</Table.Th>
                <Table.Th scope="col">New value</Table.Th>
                <Table.Th scope="col">Actor</Table.Th>
                <Table.Th scope="col">Hash</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.eventId}>
                  <Table.Td>{when(r.occurredAt)}</Table.Td>
                  <Table.Td>{r.type}</Table.Td>
                  <Table.Td>
                    {r.entityType} {r.entityId.slice(0, 8)}
                  </Table.Td>
                  <Table.Td>{r.attribute ?? '—'}</Table.Td>
                  <Table.Td>{show(r.newValue)}</Table.Td>
                  <Table.Td>{r.actorId}</Table.Td>
                  <Table.Td>
                    <code>{r.hash.slice(0, 12)}</code>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}

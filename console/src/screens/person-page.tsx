// One golden person: each value with its lineage (winning source, rule, losing candidates, history),
// the source records per system side by side, external ids, employments and offers, the audit
// timeline, and the actions the signed-in role may take, each confirmed with a reason.
import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Group, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Timeline, Title, VisuallyHidden } from '@mantine/core';
import { useMutation, useQuery, useSession } from '../use-api';
import { ApiErrorAlert } from '../components/api-error';
import { ConfirmAction } from '../components/confirm-action';
import { href, navigate } from '../router';
import { label, show, when } from '../format';
import { idempotencyKey } from '../api';
import { scrollableRegion } from '../components/scrollable-region';

export const PERSON_QUERY = `query ConsolePerson($id: ID!) { person(id: $id) {
  id redirectedFrom legalName givenName middleName familyName preferredName primaryEmail emails phones birthDate
  nationality preferredLanguage street city postcode country region candidateStatus employeeStatus customerStatus
  deletionPolicy createdAt updatedAt
  externalIds { system value linkedBy linkedAt }
  sourceRecords { id system sourceId sourceTimestamp receivedAt linkType linkKey matchScore attributes }
  employments { id system externalId title department status hireDate endDate organization { id name } job { id title } }
  offers { id system externalId status startDate job { id title } }
} }`;

const PROVENANCE_QUERY = `query ConsoleProvenance($id: ID!, $attribute: PersonAttribute!) { person(id: $id) { id provenance(attribute: $attribute) {
  attribute value system sourceId sourceRecordId sourceTimestamp rule eventId decidedAt
  candidates { value system sourceId sourceTimestamp rank reason }
  history { eventId type oldValue newValue actor sourceSystem reasonCode correlationId at }
} } }`;

const HISTORY_QUERY = `query ConsolePersonHistory($id: ID!) { auditEvents(entityId: $id, first: 100) { edges { node {
  eventId type entityType attribute oldValue newValue actorId sourceSystem reasonCode correlationId occurredAt
} } } }`;

interface SourceRecord {
  id: string;
  system: string;
  sourceId: string;
  sourceTimestamp: string;
  receivedAt: string;
  linkType: string;
  linkKey: string | null;
  matchScore: number | null;
  attributes: Record<string, unknown> | null;
}

export interface PersonView {
  id: string;
  redirectedFrom: string | null;
  legalName: string | null;
  externalIds: { system: string; value: string; linkedBy: string; linkedAt: string }[];
  sourceRecords: SourceRecord[];
  employments: { id: string; system: string; externalId: string; title: string | null; department: string | null; status: string; hireDate: string | null; endDate: string | null; organization: { id: string; name: string | null } | null; job: { id: string; title: string | null } | null }[];
  offers: { id: string; system: string; externalId: string; status: string; startDate: string | null; job: { id: string; title: string | null } | null }[];
  [attribute: string]: unknown;
}

interface Provenance {
  attribute: string;
  value: unknown;
  system: string | null;
  sourceId: string | null;
  sourceRecordId: string | null;
  sourceTimestamp: string | null;
  rule: string;
  eventId: string;
  decidedAt: string;
  candidates: { value: unknown; system: string; sourceId: string; sourceTimestamp: string | null; rank: number; reason: string }[];
  history: { eventId: string; type: string; oldValue: unknown; newValue: unknown; actor: string; sourceSystem: string | null; reasonCode: string | null; correlationId: string; at: string }[];
}

/** One audit entry as the person page and the audit screen read it. */
export interface AuditRow {
  eventId: string;
  type: string;
  entityType: string;
  attribute: string | null;
  oldValue: unknown;
  newValue: unknown;
  actorId: string;
  sourceSystem: string | null;
  reasonCode: string | null;
  correlationId: string;
  occurredAt: string;
}

/** Golden attributes, in reading order, with their provenance enum. */
export const GOLDEN_ATTRIBUTES = ['legalName', 'givenName', 'middleName', 'familyName', 'preferredName', 'primaryEmail', 'emails', 'phones', 'birthDate', 'nationality', 'preferredLanguage', 'street', 'city', 'postcode', 'country', 'candidateStatus', 'employeeStatus', 'customerStatus'] as const;
const enumOf = (attribute: string) => attribute.replace(/([A-Z])/g, '_$1').toUpperCase();
const OVERRIDABLE = ['givenName', 'middleName', 'familyName', 'preferredName', 'primaryEmail', 'phones', 'birthDate', 'nationality', 'preferredLanguage', 'street', 'city', 'postcode', 'country'];
const SYSTEM_ORDER = ['HRIS', 'ATS', 'CRM', 'STEWARD'];

function go(e: React.MouseEvent, to: string) {
  e.preventDefault();
  navigate(to);
}

export function PersonPage({ personId }: { personId: string }) {
  const person = useQuery<{ person: PersonView | null }>(PERSON_QUERY, { id: personId });
  const history = useQuery<{ auditEvents: { edges: { node: AuditRow }[] } }>(HISTORY_QUERY, { id: personId });
  const [lineage, setLineage] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ text: string; personId?: string } | null>(null);
  const p = person.data?.person;
  const reload = () => {
    person.reload();
    history.reload();
  };
  if (person.loading && !p) return <Text>Loading…</Text>;
  if (!p)
    return (
      <Stack>
        <Title order={1}>Person</Title>
        <ApiErrorAlert errors={person.errors} />
        {!person.errors.length && <Text>No person with the id {personId}.</Text>}
      </Stack>
    );
  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Title order={1}>{p.legalName ?? 'No name available'}</Title>
        <Group gap="xs">
          <Badge color="gray.8" variant="filled">candidate {String(p.candidateStatus)}</Badge>
          <Badge color="gray.8" variant="filled">employee {String(p.employeeStatus)}</Badge>
          <Badge color="gray.8" variant="filled">customer {String(p.customerStatus)}</Badge>
        </Group>
      </Group>
      <Text size="sm">
        Person id <code>{p.id}</code> · created {when(p.createdAt as string)} · updated {when(p.updatedAt as string)}
      </Text>
      {p.redirectedFrom && (
        <Alert color="blue" title="Merged">
          The id {p.redirectedFrom} was merged into this person.
        </Alert>
      )}
      <ApiErrorAlert errors={person.errors} title="Part of this person could not be read" />
      <div aria-live="polite" role="status">
        {notice && (
          <Alert color="green" title="Done" withCloseButton closeButtonLabel="Dismiss" onClose={() => setNotice(null)}>
            {notice.text}{' '}
            {notice.personId && (
              <Anchor href={href({ screen: 'person', personId: notice.personId })} onClick={(e) => go(e, href({ screen: 'person', personId: notice.personId! }))}>
                Open it
              </Anchor>
            )}
          </Alert>
        )}
      </div>
      <GoldenRecord person={p} lineage={lineage} onLineage={setLineage} />
      <SourceRecords person={p} onChanged={(text, other) => { setNotice({ text, personId: other }); reload(); }} />
      <ExternalIds person={p} onChanged={(text) => { setNotice({ text }); reload(); }} />
      <EmploymentsAndOffers person={p} />
      <Paper withBorder p="md" component="section" aria-labelledby="history-title">
        <Stack>
          <Title order={2} id="history-title" size="h3">
            History
          </Title>
          <ApiErrorAlert errors={history.errors} />
          {history.data && <AuditTimeline rows={history.data.auditEvents.edges.map((e) => e.node)} />}
        </Stack>
      </Paper>
      <PersonActions person={p} onChanged={(text, other) => { setNotice({ text, personId: other }); reload(); }} />
    </Stack>
  );
}

function GoldenRecord({ person, lineage, onLineage }: { person: PersonView; lineage: string | null; onLineage(a: string | null): void }) {
  const { can } = useSession();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="golden-title">
      <Stack>
        <Title order={2} id="golden-title" size="h3">
          Golden record
        </Title>
        <Table withTableBorder striped aria-label="Golden values">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Attribute</Table.Th>
              <Table.Th scope="col">Value</Table.Th>
              {can.provenance && <Table.Th scope="col">Lineage</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {GOLDEN_ATTRIBUTES.map((a) => (
              <Table.Tr key={a} data-attribute={a}>
                <Table.Th scope="row">{label(a)}</Table.Th>
                <Table.Td data-testid={`golden-${a}`}>{show(person[a])}</Table.Td>
                {can.provenance && (
                  <Table.Td>
                    <Button size="xs" variant="default" aria-expanded={lineage === a} onClick={() => onLineage(lineage === a ? null : a)}>
                      {lineage === a ? 'Hide' : 'Where from?'}
                      <VisuallyHidden> {label(a)}</VisuallyHidden>
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {lineage && <Lineage personId={person.id} attribute={lineage} />}
      </Stack>
    </Paper>
  );
}

function Lineage({ personId, attribute }: { personId: string; attribute: string }) {
  const q = useQuery<{ person: { provenance: Provenance | null } | null }>(PROVENANCE_QUERY, { id: personId, attribute: enumOf(attribute) });
  const prov = q.data?.person?.provenance;
  return (
    <Paper withBorder p="md" bg="gray.0" component="section" aria-label={`Lineage of ${label(attribute)}`} data-testid="lineage">
      <Stack>
        <Title order={3} size="h4">
          Lineage of {label(attribute)}
        </Title>
        <ApiErrorAlert errors={q.errors} />
        {q.loading && !q.data && <Text>Loading…</Text>}
        {q.data && !prov && <Text>No provenance: this attribute has no value from any source.</Text>}
        {prov && (
          <>
            <Text component="div">
              Golden value <strong>{show(prov.value)}</strong> comes from{' '}
              <strong data-testid="lineage-winner">
                {prov.system ?? '—'} {prov.sourceId ?? ''}
              </strong>{' '}
              (source timestamp {when(prov.sourceTimestamp)}), decided by rule <Badge color="blue.9" variant="filled">{prov.rule}</Badge> at {when(prov.decidedAt)} in event <code>{prov.eventId}</code>.
            </Text>
            <Table withTableBorder aria-label="Candidates for this value">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Rank</Table.Th>
                  <Table.Th scope="col">Value</Table.Th>
                  <Table.Th scope="col">Source</Table.Th>
                  <Table.Th scope="col">Source timestamp</Table.Th>
                  <Table.Th scope="col">Why</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {prov.candidates.map((c, i) => (
                  <Table.Tr key={`${c.system}-${c.sourceId}-${i}`}>
                    <Table.Td>{c.rank}</Table.Td>
                    <Table.Td>{show(c.value)}</Table.Td>
                    <Table.Td>
                      {c.system} {c.sourceId}
                    </Table.Td>
                    <Table.Td>{when(c.sourceTimestamp)}</Table.Td>
                    <Table.Td>{c.reason}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Title order={4} size="h5">
              History of {label(attribute)}
            </Title>
            <Timeline bulletSize={14} lineWidth={2} color="blue.8" aria-label={`History of ${label(attribute)}`} data-testid="lineage-history">
              {prov.history.map((h) => (
                <Timeline.Item key={h.eventId} title={`${h.type}: ${show(h.oldValue)} → ${show(h.newValue)}`}>
                  <Text size="sm">
                    {when(h.at)} · by {h.actor}
                    {h.sourceSystem ? ` (${h.sourceSystem})` : ''}
                    {h.reasonCode ? ` · ${h.reasonCode}` : ''} ·{' '}
                    <Anchor href={href({ screen: 'audit', correlationId: h.correlationId })} onClick={(e) => go(e, href({ screen: 'audit', correlationId: h.correlationId }))}>
                      flow {h.correlationId.slice(0, 8)}
                    </Anchor>
                  </Text>
                </Timeline.Item>
              ))}
            </Timeline>
          </>
        )}
      </Stack>
    </Paper>
  );
}

function SourceRecords({ person, onChanged }: { person: PersonView; onChanged(text: string, otherPersonId?: string): void }) {
  const { can } = useSession();
  const mutate = useMutation();
  const records = [...person.sourceRecords].sort((a, b) => SYSTEM_ORDER.indexOf(a.system) - SYSTEM_ORDER.indexOf(b.system) || a.sourceId.localeCompare(b.sourceId));
  const keys = [...new Set(records.flatMap((r) => Object.keys(r.attributes ?? {})))];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="sources-title">
      <Stack>
        <Title order={2} id="sources-title" size="h3">
          Source records ({records.length})
        </Title>
        {!can.provenance && <Text>Your role does not see source records.</Text>}
        {records.length > 0 && (
          <Table.ScrollContainer minWidth={500} scrollAreaProps={{ viewportProps: scrollableRegion('Source records by system') }}>
            <Table withTableBorder withColumnBorders striped aria-label="Source records by system">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Attribute</Table.Th>
                  {records.map((r) => (
                    <Table.Th scope="col" key={r.id} data-testid="source-record">
                      {r.system} {r.sourceId}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {keys.map((k) => (
                  <Table.Tr key={k}>
                    <Table.Th scope="row">{label(k)}</Table.Th>
                    {records.map((r) => (
                      <Table.Td key={r.id}>{show(r.attributes?.[k])}</Table.Td>
                    ))}
                  </Table.Tr>
                ))}
                <Table.Tr>
                  <Table.Th scope="row">Linked by</Table.Th>
                  {records.map((r) => (
                    <Table.Td key={r.id}>
                      {r.linkType}
                      {r.linkKey ? ` (${r.linkKey})` : ''}
                      {r.matchScore !== null ? ` · score ${r.matchScore.toFixed(2)}` : ''}
                    </Table.Td>
                  ))}
                </Table.Tr>
                <Table.Tr>
                  <Table.Th scope="row">Source timestamp</Table.Th>
                  {records.map((r) => (
                    <Table.Td key={r.id}>{when(r.sourceTimestamp)}</Table.Td>
                  ))}
                </Table.Tr>
                {can.merge && records.length > 1 && (
                  <Table.Tr>
                    <Table.Th scope="row">Action</Table.Th>
                    {records.map((r) => (
                      <Table.Td key={r.id}>
                        <ConfirmAction
                          size="xs"
                          label={`Unmerge ${r.system} ${r.sourceId}`}
                          title={`Unmerge ${r.system} ${r.sourceId}`}
                          description="The source record is detached into a new person; survivorship recomputes both golden records."
                          confirmLabel="Unmerge"
                          color="red.9"
                          onConfirm={async (reason) => {
                            const d = await mutate<{ unmergeSourceRecord: { newPersonId: string } }>(
                              `mutation ConsoleUnmerge($input: UnmergeSourceRecordInput!) { unmergeSourceRecord(input: $input) { sourceRecordId fromPersonId newPersonId } }`,
                              { input: { sourceRecordId: r.id, reason, idempotencyKey: idempotencyKey('unmerge') } },
                            );
                            onChanged(`${r.system} ${r.sourceId} was unmerged into a new person.`, d.unmergeSourceRecord.newPersonId);
                          }}
                        />
                      </Table.Td>
                    ))}
                  </Table.Tr>
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}

function ExternalIds({ person, onChanged }: { person: PersonView; onChanged(text: string): void }) {
  const { can } = useSession();
  const mutate = useMutation();
  const unlink = `mutation ConsoleUnlink($input: LinkExternalIdInput!) { unlinkExternalId(input: $input) { linked } }`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="xids-title">
      <Stack>
        <Title order={2} id="xids-title" size="h3">
          External ids
        </Title>
        {person.externalIds.length === 0 ? (
          <Text>None that your role may see.</Text>
        ) : (
          <Table withTableBorder aria-label="External ids">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">System</Table.Th>
                <Table.Th scope="col">Id</Table.Th>
                <Table.Th scope="col">Linked by</Table.Th>
                <Table.Th scope="col">Linked at</Table.Th>
                {can.link && <Table.Th scope="col">Action</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {person.externalIds.map((x) => (
                <Table.Tr key={`${x.system}-${x.value}`}>
                  <Table.Td>{x.system}</Table.Td>
                  <Table.Td>{x.value}</Table.Td>
                  <Table.Td>{x.linkedBy}</Table.Td>
                  <Table.Td>{when(x.linkedAt)}</Table.Td>
                  {can.link && (
                    <Table.Td>
                      {can.linkSystems.includes(x.system) && <ConfirmAction
                        size="xs"
                        label={`Unlink ${x.system} ${x.value}`}
                        title={`Unlink ${x.system} ${x.value}`}
                        description="The person no longer answers to this id."
                        confirmLabel="Unlink"
                        color="red.9"
                        onConfirm={async () => {
                          await mutate(unlink, { input: { personId: person.id, system: x.system, externalId: x.value, idempotencyKey: idempotencyKey('unlink') } });
                          onChanged(`${x.system} ${x.value} unlinked.`);
                        }}
                      />}
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}

function EmploymentsAndOffers({ person }: { person: PersonView }) {
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <Paper withBorder p="md" component="section" aria-labelledby="employments-title">
        <Title order={2} id="employments-title" size="h3" mb="sm">
          Employments
        </Title>
        {person.employments.length === 0 ? (
          <Text>None.</Text>
        ) : (
          <Stack gap="xs">
            {person.employments.map((e) => (
              <Text key={e.id}>
                <strong>{e.title ?? 'Untitled'}</strong> at {e.organization?.name ?? '—'} · {e.status} · hired {show(e.hireDate)}
                {e.endDate ? ` · left ${e.endDate}` : ''} · {e.system} {e.externalId}
              </Text>
            ))}
          </Stack>
        )}
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="offers-title">
        <Title order={2} id="offers-title" size="h3" mb="sm">
          Offers
        </Title>
        {person.offers.length === 0 ? (
          <Text>None.</Text>
        ) : (
          <Stack gap="xs">
            {person.offers.map((o) => (
              <Text key={o.id}>
                <strong>{o.job?.title ?? 'A job'}</strong> · {o.status} · start {show(o.startDate)} · {o.system} {o.externalId}
              </Text>
            ))}
          </Stack>
        )}
      </Paper>
    </SimpleGrid>
  );
}

/** The values an entry changed: one line, or one per attribute for a golden change (PersonAttributesChanged). */
function changesOf(r: AuditRow): Array<{ attribute: string | null; oldValue: unknown; newValue: unknown }> {
  if (r.oldValue === null && r.newValue === null) return [];
  const isMap = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
  if (r.type === 'PersonAttributesChanged' && !r.attribute && isMap(r.newValue)) {
    const old = isMap(r.oldValue) ? r.oldValue : {};
    return Object.keys(r.newValue).map((a) => ({ attribute: a, oldValue: old[a] ?? null, newValue: (r.newValue as Record<string, unknown>)[a] }));
  }
  return [{ attribute: null, oldValue: r.oldValue, newValue: r.newValue }];
}

export function AuditTimeline({ rows }: { rows: AuditRow[] }) {
  if (!rows.length) return <Text>No audit events.</Text>;
  return (
    <Timeline bulletSize={14} lineWidth={2} color="blue.8" active={rows.length - 1}>
      {rows.map((r) => (
        <Timeline.Item key={r.eventId} title={`${r.type}${r.attribute ? ` · ${r.attribute}` : ''}`}>
          {changesOf(r).map((c) => (
            <Text size="sm" key={c.attribute ?? ''}>
              {c.attribute ? `${c.attribute}: ` : ''}
              {show(c.oldValue)} → {show(c.newValue)}
            </Text>
          ))}
          <Text size="sm">
            {when(r.occurredAt)} · {r.entityType} · by {r.actorId}
            {r.sourceSystem ? ` (${r.sourceSystem})` : ''}
            {r.reasonCode ? ` · ${r.reasonCode}` : ''} ·{' '}
            <Anchor href={href({ screen: 'audit', correlationId: r.correlationId })} onClick={(e) => go(e, href({ screen: 'audit', correlationId: r.correlationId }))}>
              flow {r.correlationId.slice(0, 8)}
            </Anchor>
          </Text>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

function PersonActions({ person, onChanged }: { person: PersonView; onChanged(text: string, otherPersonId?: string): void }) {
  const { can } = useSession();
  const mutate = useMutation();
  const [otherId, setOtherId] = useState('');
  const [system, setSystem] = useState<string | null>(can.linkSystems[0] ?? null);
  const [externalId, setExternalId] = useState('');
  const [attribute, setAttribute] = useState<string | null>('familyName');
  const [value, setValue] = useState('');
  if (!can.merge && !can.link && !can.override && !can.erase) return null;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="actions-title">
      <Stack>
        <Title order={2} id="actions-title" size="h3">
          Actions
        </Title>
        <Group align="flex-start" wrap="wrap">
          {can.merge && (
            <ConfirmAction
              label="Merge another person into this one"
              title="Merge into this person"
              description={`The other person's source records move to ${person.legalName ?? 'this person'}; the other id keeps resolving here.`}
              fields={<TextInput label="Id of the person to merge away" value={otherId} onChange={(e) => setOtherId(e.currentTarget.value)} required />}
              confirmLabel="Merge"
              onConfirm={async (reason) => {
                await mutate(`mutation ConsoleMerge($input: MergePeopleInput!) { mergePeople(input: $input) { survivorId mergedId } }`, {
                  input: { intoPersonId: person.id, fromPersonId: otherId.trim(), reason, idempotencyKey: idempotencyKey('merge') },
                });
                onChanged(`Person ${otherId.trim()} was merged into this person.`);
                setOtherId('');
              }}
            />
          )}
          {can.link && (
            <ConfirmAction
              label="Link an external id"
              title="Link an external id"
              description="The person will answer to this id in that system."
              fields={
                <>
                  <Select label="System" data={can.linkSystems} value={system} onChange={setSystem} allowDeselect={false} />
                  <TextInput label="Id in that system" value={externalId} onChange={(e) => setExternalId(e.currentTarget.value)} required />
                </>
              }
              confirmLabel="Link"
              onConfirm={async () => {
                await mutate(`mutation ConsoleLink($input: LinkExternalIdInput!) { linkExternalId(input: $input) { linked } }`, {
                  input: { personId: person.id, system, externalId: externalId.trim(), idempotencyKey: idempotencyKey('link') },
                });
                onChanged(`${system} ${externalId.trim()} linked.`);
                setExternalId('');
              }}
            />
          )}
          {can.override && (
            <ConfirmAction
              label="Override a value"
              title="Override a golden value"
              description="A steward value that survivorship ranks above every system; an empty value withdraws the override."
              fields={
                <>
                  <Select label="Attribute" data={OVERRIDABLE.map((a) => ({ value: a, label: label(a) }))} value={attribute} onChange={setAttribute} allowDeselect={false} />
                  <TextInput label="Value" value={value} onChange={(e) => setValue(e.currentTarget.value)} />
                </>
              }
              confirmLabel="Override"
              onConfirm={async (reason) => {
                await mutate(`mutation ConsoleOverride($input: OverridePersonAttributeInput!) { overridePersonAttribute(input: $input) { changedAttributes } }`, {
                  input: { personId: person.id, attribute, value: value.trim() || null, reason, idempotencyKey: idempotencyKey('override') },
                });
                onChanged(`${label(attribute ?? '')} ${value.trim() ? 'overridden' : 'override withdrawn'}.`);
                setValue('');
              }}
            />
          )}
          {can.erase && (
            <ConfirmAction
              label="Erase this person"
              title="Erase this person's personal data"
              description="Removes the personal data from the golden record, source records, provenance, audit values and events. This cannot be undone."
              confirmLabel="Erase"
              color="red.9"
              onConfirm={async (reason) => {
                await mutate(`mutation ConsoleErase($input: ErasePersonInput!) { erasePerson(input: $input) { personId sourceRecords } }`, { input: { personId: person.id, reason } });
                onChanged('The personal data was erased.');
              }}
            />
          )}
        </Group>
      </Stack>
    </Paper>
  );
}

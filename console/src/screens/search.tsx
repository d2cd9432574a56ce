// Search by name, e-mail or external id, within what the role may search: a refusal of the API is
// shown as the API words it.
import { useState } from 'react';
import { Anchor, Button, Group, SegmentedControl, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '../use-api';
import { ApiErrorAlert } from '../components/api-error';
import { href, navigate } from '../router';
import { show } from '../format';

type Mode = 'name' | 'email' | 'externalId';

interface Hit {
  id: string;
  legalName: string | null;
  primaryEmail: string | null;
  candidateStatus: string;
  employeeStatus: string;
  customerStatus: string;
}

const FIELDS = 'id legalName primaryEmail candidateStatus employeeStatus customerStatus';
const PEOPLE = `query ConsoleSearch($filter: PersonFilter) { people(first: 50, filter: $filter) { edges { node { ${FIELDS} } } } }`;
const BY_EXTERNAL_ID = `query ConsoleByExternalId($system: SourceSystem!, $externalId: String!) { personByExternalId(system: $system, externalId: $externalId) { ${FIELDS} } }`;

export function Search() {
  const [mode, setMode] = useState<Mode>('name');
  const [text, setText] = useState('');
  const [system, setSystem] = useState<string | null>('HRIS');
  const [submitted, setSubmitted] = useState<{ mode: Mode; text: string; system: string } | null>(null);
  const byId = submitted?.mode === 'externalId';
  const people = useQuery<{ people: { edges: { node: Hit }[] } }>(PEOPLE, submitted && !byId ? { filter: { [submitted.mode]: submitted.text } } : null);
  const person = useQuery<{ personByExternalId: Hit | null }>(BY_EXTERNAL_ID, submitted && byId ? { system: submitted.system, externalId: submitted.text } : null);
  const q = byId ? person : people;
  const hits: Hit[] = byId ? (person.data?.personByExternalId ? [person.data.personByExternalId] : []) : (people.data?.people.edges.map((e) => e.node) ?? []);
  return (
    <Stack>
      <Title order={1}>Search people</Title>
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim()) setSubmitted({ mode, text: text.trim(), system: system ?? 'HRIS' });
        }}
      >
        <Stack>
          <SegmentedControl
            value={mode}
            onChange={(v) => setMode(v as Mode)}
            data={[
              { value: 'name', label: 'Name' },
              { value: 'email', label: 'E-mail' },
              { value: 'externalId', label: 'External id' },
            ]}
            aria-label="Search by"
            w="fit-content"
          />
          <Group align="flex-end" wrap="wrap">
            {mode === 'externalId' && <Select label="System" data={['HRIS', 'ATS', 'CRM']} value={system} onChange={setSystem} allowDeselect={false} w={120} />}
            <TextInput
              label={mode === 'name' ? 'Name contains' : mode === 'email' ? 'E-mail address' : 'Id in that system'}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              w={320}
            />
            <Button type="submit">Search</Button>
          </Group>
        </Stack>
      </form>
      <ApiErrorAlert errors={q.errors} title="The search failed" />
      {submitted && !q.loading && !q.errors.length && <Text role="status">{hits.length ? `${hits.length} found` : 'Nobody found.'}</Text>}
      {hits.length > 0 && (
        <Table withTableBorder striped aria-label="Search results">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Name</Table.Th>
              <Table.Th scope="col">E-mail</Table.Th>
              <Table.Th scope="col">Candidate</Table.Th>
              <Table.Th scope="col">Employee</Table.Th>
              <Table.Th scope="col">Customer</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {hits.map((h) => (
              <Table.Tr key={h.id}>
                <Table.Td>
                  <Anchor
                    href={href({ screen: 'person', personId: h.id })}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate(href({ screen: 'person', personId: h.id }));
                    }}
                  >
                    {h.legalName ?? `Person ${h.id.slice(0, 8)}`}
                  </Anchor>
                </Table.Td>
                <Table.Td>{show(h.primaryEmail)}</Table.Td>
                <Table.Td>{h.candidateStatus}</Table.Td>
                <Table.Td>{h.employeeStatus}</Table.Td>
                <Table.Td>{h.customerStatus}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

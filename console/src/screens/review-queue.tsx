// The steward's queue: open match reviews, sorted and filtered; the selected task shows both sides'
// source records column by column, the evidence as a waterfall, the blockers; one key decides.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Anchor, Badge, Checkbox, Group, Kbd, NavLink, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title, Button, VisuallyHidden } from '@mantine/core';
import { useMutation, useQuery, useSession } from '../use-api';
import { ApiErrorAlert } from '../components/api-error';
import { WaterfallChart } from '../components/waterfall-chart';
import { href, navigate } from '../router';
import { age, label, show, when } from '../format';
import { idempotencyKey } from '../api';
import { scrollableRegion } from '../components/scrollable-region';

interface SourceRecord {
  id: string;
  system: string;
  sourceId: string;
  sourceTimestamp: string;
  attributes: Record<string, unknown> | null;
}

export interface Review {
  id: string;
  /** PROBABLE_MATCH, or ERASED_IDENTITY: the record matches an erased person and may only be kept apart. */
  kind: 'PROBABLE_MATCH' | 'ERASED_IDENTITY';
  score: number;
  createdAt: string;
  explanation: {
    reason: string;
    blockers: string[];
    candidatesConsidered: number;
    candidatesCapped: boolean;
    /** The match model version that scored the pair (`default` for the built-in one). */
    modelVersion: string | null;
    comparisons: { attribute: string; level: string; weight: number; detail: string | null }[];
  };
  record: SourceRecord;
  recordPerson: { id: string; legalName: string | null } | null;
  candidate: { id: string; legalName: string | null } | null;
  candidateRecords: SourceRecord[];
}

export const REVIEWS_QUERY = `query ConsoleReviews {
  matchReviews(status: PENDING, first: 50) { edges { node {
    id kind score createdAt
    explanation { reason blockers candidatesConsidered candidatesCapped modelVersion comparisons { attribute level weight detail } }
    record { id system sourceId sourceTimestamp attributes }
    recordPerson { id legalName }
    candidate { id legalName }
    candidateRecords { id system sourceId sourceTimestamp attributes }
  } } pageInfo { hasNextPage } }
}`;

const RESOLVE = `mutation ConsoleResolveReview($input: ResolveMatchReviewInput!) {
  resolveMatchReview(input: $input) { survivorId review { id status } }
}`;

type Sort = 'oldest' | 'newest' | 'score-high' | 'score-low';
type Decision = 'SAME_PERSON' | 'DIFFERENT_PEOPLE' | 'SKIP';

const DEFAULT_REASON: Record<Decision, string> = {
  SAME_PERSON: 'Same person: evidence reviewed in the console',
  DIFFERENT_PEOPLE: 'Different people: evidence reviewed in the console',
  SKIP: 'Skipped for now',
};

/** Attributes in the order a steward compares them; anything else follows alphabetically. */
const ATTRIBUTE_ORDER = ['fullName', 'givenName', 'middleName', 'familyName', 'preferredName', 'email', 'emailVerified', 'phone', 'birthDate', 'nationalId', 'passport', 'nationality', 'street', 'city', 'postcode', 'country', 'employer', 'jobTitle', 'preferredLanguage'];

function attributeRows(records: SourceRecord[]): string[] {
  const keys = new Set(records.flatMap((r) => Object.keys(r.attributes ?? {})));
  const known = ATTRIBUTE_ORDER.filter((k) => keys.has(k));
  return [...known, ...[...keys].filter((k) => !ATTRIBUTE_ORDER.includes(k)).sort()];
}

/** Values as a steward compares them: case and spacing aside; absent values compare with nothing. */
function comparable(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  return String(value).toLowerCase().replace(/\s+/g, '');
}

function sortReviews(reviews: Review[], sort: Sort): Review[] {
  const copy = [...reviews];
  const by: Record<Sort, (a: Review, b: Review) => number> = {
    oldest: (a, b) => a.createdAt.localeCompare(b.createdAt),
    newest: (a, b) => b.createdAt.localeCompare(a.createdAt),
    'score-high': (a, b) => b.score - a.score,
    'score-low': (a, b) => a.score - b.score,
  };
  return copy.sort(by[sort]);
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) || !!el.closest('[role="dialog"]');
}

export function ReviewQueue({ reviewId }: { reviewId?: string }) {
  const { can } = useSession();
  const reviews = useQuery<{ matchReviews: { edges: { node: Review }[]; pageInfo: { hasNextPage: boolean } } }>(REVIEWS_QUERY, {});
  const more = reviews.data?.matchReviews.pageInfo.hasNextPage ?? false;
  const mutate = useMutation();
  const [sort, setSort] = useState<Sort>('oldest');
  const [system, setSystem] = useState<string | null>(null);
  const [blockedOnly, setBlockedOnly] = useState(false);
  const [skipped, setSkipped] = useState<string[]>([]);
  const [done, setDone] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ text: string; personId?: string; error?: boolean } | null>(null);

  const all = useMemo(() => (reviews.data?.matchReviews.edges ?? []).map((e) => e.node).filter((r) => !done.includes(r.id)), [reviews.data, done]);
  const visible = useMemo(() => {
    const filtered = all.filter((r) => (!system || r.record.system === system) && (!blockedOnly || r.explanation.blockers.length > 0));
    // Skipped tasks go to the back of the queue, in the order they were skipped.
    const sorted = sortReviews(filtered, sort);
    return [...sorted.filter((r) => !skipped.includes(r.id)), ...skipped.map((id) => sorted.find((r) => r.id === id)).filter((r): r is Review => !!r)];
  }, [all, system, blockedOnly, sort, skipped]);
  const current = visible.find((r) => r.id === reviewId) ?? visible[0];

  // The queue loads a page of tasks; when every loaded task is decided, the next page is fetched
  // (decided tasks are no longer pending, so the same query returns the ones behind them).
  const reload = reviews.reload;
  useEffect(() => {
    if (!reviews.loading && more && all.length === 0) reload();
  }, [reviews.loading, more, all.length, reload]);

  const open = useCallback((id: string | undefined) => navigate(href({ screen: 'reviews', reviewId: id }), true), []);

  const decide = useCallback(
    async (decision: Decision) => {
      if (!current || busy) return;
      const index = visible.indexOf(current);
      const next = visible.filter((r) => r.id !== current.id)[Math.min(index, visible.length - 2)];
      const why = reason.trim() || DEFAULT_REASON[decision];
      if (decision === 'SKIP') {
        setSkipped((s) => [...s.filter((id) => id !== current.id), current.id]);
        setStatus({ text: `Skipped the review of ${current.record.system} ${current.record.sourceId}: ${why}` });
        setReason('');
        open(next?.id);
        return;
      }
      setBusy(true);
      try {
        const r = await mutate<{ resolveMatchReview: { survivorId: string | null } }>(RESOLVE, {
          input: { reviewId: current.id, decision, reason: why, idempotencyKey: idempotencyKey('review') },
        });
        setDone((d) => [...d, current.id]);
        setReason('');
        const survivor = r.resolveMatchReview.survivorId ?? undefined;
        setStatus(
          decision === 'SAME_PERSON'
            ? { text: `Same person: ${current.record.system} ${current.record.sourceId} merged into ${current.candidate?.legalName ?? 'the candidate'}.`, personId: survivor }
            : { text: `Different people: ${current.record.system} ${current.record.sourceId} will not be linked to ${current.candidate?.legalName ?? 'the candidate'}.`, personId: current.recordPerson?.id },
        );
        open(next?.id);
      } catch (err) {
        setStatus({ text: err instanceof Error ? err.message : String(err), error: true });
      } finally {
        setBusy(false);
      }
    },
    [current, busy, visible, reason, mutate, open],
  );

  useEffect(() => {
    if (!can.review) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      const key = e.key.toLowerCase();
      const index = current ? visible.indexOf(current) : -1;
      if (key === 's' && current?.kind !== 'ERASED_IDENTITY') void decide('SAME_PERSON');
      else if (key === 'd') void decide('DIFFERENT_PEOPLE');
      else if (key === 'n') void decide('SKIP');
      else if (key === 'j' || key === 'arrowdown') open(visible[Math.min(index + 1, visible.length - 1)]?.id);
      else if (key === 'k' || key === 'arrowup') open(visible[Math.max(index - 1, 0)]?.id);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [can.review, decide, current, visible, open]);

  const systems = [...new Set(all.map((r) => r.record.system))].sort();

  return (
    <Stack>
      <Title order={1}>Review queue</Title>
      <ApiErrorAlert errors={reviews.errors} />
      <div aria-live="polite" role="status">
        {status && (
          <Alert color={status.error ? 'red' : 'green'} title={status.error ? 'Not done' : 'Done'}>
            {status.text}{' '}
            {status.personId && (
              <Anchor href={href({ screen: 'person', personId: status.personId })} onClick={(e) => { e.preventDefault(); navigate(href({ screen: 'person', personId: status.personId! })); }}>
                Open the person
              </Anchor>
            )}
          </Alert>
        )}
      </div>
      {!reviews.errors.length && (
        <Group align="flex-end" wrap="wrap">
          <Select
            label="Sort"
            value={sort}
            onChange={(v) => setSort((v as Sort) ?? 'oldest')}
            data={[
              { value: 'oldest', label: 'Oldest first' },
              { value: 'newest', label: 'Newest first' },
              { value: 'score-high', label: 'Highest score first' },
              { value: 'score-low', label: 'Lowest score first' },
            ]}
            allowDeselect={false}
            w={200}
          />
          <Select label="Incoming system" placeholder="Any system" value={system} onChange={setSystem} data={systems} clearable w={180} />
          <Checkbox label="Only with blockers" checked={blockedOnly} onChange={(e) => setBlockedOnly(e.currentTarget.checked)} mb={8} />
          <Text size="sm" mb={8}>
            {visible.length} open task{visible.length === 1 ? '' : 's'}
            {more ? ' loaded; more follow' : ''}
          </Text>
        </Group>
      )}
      {reviews.loading && !reviews.data && <Text>Loading the queue…</Text>}
      {!reviews.loading && !reviews.errors.length && visible.length === 0 && <Text>No open review tasks. The queue is empty.</Text>}
      {visible.length > 0 && (
        <SimpleGrid cols={{ base: 1, lg: 4 }} spacing="md">
          <Paper withBorder p="xs" component="nav" aria-label="Open review tasks">
            <Stack gap={2}>
              {visible.map((r) => (
                <NavLink
                  key={r.id}
                  href={href({ screen: 'reviews', reviewId: r.id })}
                  active={r.id === current?.id}
                  aria-current={r.id === current?.id ? 'true' : undefined}
                  color="blue.9"
                  variant="filled"
                  onClick={(e) => {
                    e.preventDefault();
                    open(r.id);
                  }}
                  label={`${r.candidate?.legalName ?? 'Unknown'} ↔ ${r.record.system} ${r.record.sourceId}`}
                  description={`${r.kind === 'ERASED_IDENTITY' ? 'matches an erased identity · ' : ''}score ${r.score.toFixed(2)} · waiting ${age((Date.now() - Date.parse(r.createdAt)) / 1000)}${skipped.includes(r.id) ? ' · skipped' : ''}`}
                />
              ))}
            </Stack>
          </Paper>
          {current && (
            <Stack style={{ gridColumn: 'span 3' }} gap="md">
              <ReviewDetail review={current} />
              {can.review ? (
                <Paper withBorder p="md">
                  <Stack>
                    <Title order={2} size="h4">
                      Decision
                    </Title>
                    <TextInput label="Reason (optional)" description="Written to the audit log; a standard reason is used when empty" value={reason} onChange={(e) => setReason(e.currentTarget.value)} onKeyDown={(e) => e.key === 'Escape' && e.currentTarget.blur()} />
                    <Group>
                      {current.kind === 'ERASED_IDENTITY' ? (
                        <Button color="red.9" loading={busy} onClick={() => void decide('DIFFERENT_PEOPLE')}>
                          Keep as a new person <Kbd ml="xs">D</Kbd>
                        </Button>
                      ) : (
                        <>
                          <Button color="teal.9" loading={busy} onClick={() => void decide('SAME_PERSON')}>
                            Same person <Kbd ml="xs">S</Kbd>
                          </Button>
                          <Button color="red.9" loading={busy} onClick={() => void decide('DIFFERENT_PEOPLE')}>
                            Different people <Kbd ml="xs">D</Kbd>
                          </Button>
                        </>
                      )}
                      <Button variant="default" disabled={busy} onClick={() => void decide('SKIP')}>
                        Skip <Kbd ml="xs">N</Kbd>
                      </Button>
                    </Group>
                    {current.kind === 'ERASED_IDENTITY' && (
                      <Text size="sm">
                        This record matches an identity that was erased. It was created as a new person and is never merged back: keep it if there is a lawful reason (a new application, a new contract), or ask a privacy officer to erase it again.
                      </Text>
                    )}
                    <Text size="sm">
                      Keys: <Kbd>S</Kbd> same person, <Kbd>D</Kbd> different people, <Kbd>N</Kbd> skip, <Kbd>J</Kbd>/<Kbd>K</Kbd> next and previous task. The next task opens after each decision.
                    </Text>
                  </Stack>
                </Paper>
              ) : (
                <Text>Your role may read this task but not decide it.</Text>
              )}
            </Stack>
          )}
        </SimpleGrid>
      )}
    </Stack>
  );
}

function ReviewDetail({ review }: { review: Review }) {
  const records = [review.record, ...review.candidateRecords];
  const rows = attributeRows(records);
  const e = review.explanation;
  return (
    <Paper withBorder p="md">
      <Stack>
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h3">
            {review.record.system} {review.record.sourceId} and {review.candidate?.legalName ?? 'a candidate'}
          </Title>
          <Badge size="lg" color="blue.9" variant="filled">
            score {review.score.toFixed(3)}
          </Badge>
        </Group>
        <Text size="sm">
          {e.reason} · created {when(review.createdAt)} · {e.candidatesConsidered} candidate{e.candidatesConsidered === 1 ? '' : 's'} considered · scored by model {e.modelVersion ?? 'default'}
          {e.candidatesCapped ? ' (capped)' : ''}
        </Text>
        {e.blockers.length > 0 && (
          <Alert color="orange" title="Blockers: no automatic merge">
            {e.blockers.join(', ')}
          </Alert>
        )}
        <Text size="sm">Values that differ from the incoming record are highlighted.</Text>
        <Table.ScrollContainer minWidth={500} scrollAreaProps={{ viewportProps: scrollableRegion('Source records side by side') }}>
          <Table withTableBorder withColumnBorders aria-label="Source records side by side">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Attribute</Table.Th>
                <Table.Th scope="col">
                  Incoming: {review.record.system} {review.record.sourceId}
                </Table.Th>
                {review.candidateRecords.map((r) => (
                  <Table.Th scope="col" key={r.id}>
                    Candidate: {r.system} {r.sourceId}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((k) => {
                const incoming = comparable(review.record.attributes?.[k]);
                return (
                  <Table.Tr key={k}>
                    <Table.Th scope="row">{label(k)}</Table.Th>
                    {records.map((r, i) => {
                      const value = comparable(r.attributes?.[k]);
                      const differs = i > 0 && incoming !== null && value !== null && value !== incoming;
                      return (
                        <Table.Td key={r.id} className={differs ? 'differs' : undefined}>
                          {show(r.attributes?.[k])}
                          {differs && <VisuallyHidden> (differs from the incoming record)</VisuallyHidden>}
                        </Table.Td>
                      );
                    })}
                  </Table.Tr>
                );
              })}
              <Table.Tr>
                <Table.Th scope="row">Source timestamp</Table.Th>
                {records.map((r) => (
                  <Table.Td key={r.id}>{when(r.sourceTimestamp)}</Table.Td>
                ))}
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Title order={3} size="h4">
          Evidence
        </Title>
        <WaterfallChart title="Match evidence" evidence={e.comparisons} />
        <Table withTableBorder aria-label="Comparisons">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Attribute</Table.Th>
              <Table.Th scope="col">Comparison level</Table.Th>
              <Table.Th scope="col">Weight</Table.Th>
              <Table.Th scope="col">Detail</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {e.comparisons.map((c, i) => (
              <Table.Tr key={`${c.attribute}-${i}`}>
                <Table.Td>{c.attribute}</Table.Td>
                <Table.Td>{c.level}</Table.Td>
                <Table.Td>{c.weight.toFixed(2)}</Table.Td>
                <Table.Td>{c.detail ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Paper>
  );
}

// Data quality for the business side: duplicate rate, review backlog and its age, audit readiness and
// records per system. The API measures now; this browser keeps each measurement to draw the trend.
import { useEffect, useState } from 'react';
import { Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '../use-api';
import { ApiErrorAlert } from '../components/api-error';
import { BarChart } from '../components/bar-chart';
import { LineChart, type Point } from '../components/line-chart';
import { age, percent, when } from '../format';

const QUALITY = `query ConsoleDataQuality { dataQuality {
  people suspectedDuplicateRate reviewBacklog oldestReviewAgeSeconds medianReviewAgeSeconds goldenValues goldenValuesWithProvenance auditReadiness measuredAt
  bySystem { system people sourceRecords }
} }`;

interface Quality {
  people: number;
  suspectedDuplicateRate: number;
  reviewBacklog: number;
  oldestReviewAgeSeconds: number | null;
  medianReviewAgeSeconds: number | null;
  goldenValues: number;
  goldenValuesWithProvenance: number;
  auditReadiness: number;
  measuredAt: string;
  bySystem: { system: string; people: number; sourceRecords: number }[];
}

const HISTORY_KEY = 'peoplegraph.console.quality';
const KEEP = 50;

type Sample = Pick<Quality, 'measuredAt' | 'suspectedDuplicateRate' | 'reviewBacklog' | 'auditReadiness'>;

function remember(q: Quality): Sample[] {
  const previous = JSON.parse(localStorage.getItem(HISTORY_KEY) ?? '[]') as Sample[];
  const next = [...previous.filter((s) => s.measuredAt !== q.measuredAt), { measuredAt: q.measuredAt, suspectedDuplicateRate: q.suspectedDuplicateRate, reviewBacklog: q.reviewBacklog, auditReadiness: q.auditReadiness }].slice(-KEEP);
  localStorage.setItem(HISTORY_KEY, JSON.stringify(next));
  return next;
}

function Stat({ name, value, note }: { name: string; value: string; note?: string }) {
  return (
    <Paper withBorder p="md">
      <Text size="sm">{name}</Text>
      <Text size="xl" fw={700} data-testid={`stat-${name}`}>
        {value}
      </Text>
      {note && <Text size="xs">{note}</Text>}
    </Paper>
  );
}

export function DataQuality() {
  const q = useQuery<{ dataQuality: Quality }>(QUALITY, {});
  const [samples, setSamples] = useState<Sample[]>([]);
  const d = q.data?.dataQuality;
  useEffect(() => {
    if (d) setSamples(remember(d));
  }, [d]);
  const series = (pick: (s: Sample) => number): Point[] => samples.map((s) => ({ at: when(s.measuredAt), value: pick(s) }));
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>Data quality</Title>
        <Button variant="outline" onClick={q.reload} loading={q.loading}>
          Measure again
        </Button>
      </Group>
      <ApiErrorAlert errors={q.errors} />
      {d && (
        <>
          <Text size="sm">Measured {when(d.measuredAt)}.</Text>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            <Stat name="Golden people" value={String(d.people)} />
            <Stat name="Suspected duplicate rate" value={percent(d.suspectedDuplicateRate)} note="people with a pending review or a weak candidate" />
            <Stat name="Review backlog" value={String(d.reviewBacklog)} note={`oldest ${age(d.oldestReviewAgeSeconds)}, median ${age(d.medianReviewAgeSeconds)}`} />
            <Stat name="Audit readiness" value={percent(d.auditReadiness)} note={`${d.goldenValuesWithProvenance} of ${d.goldenValues} golden values trace to an audit event`} />
          </SimpleGrid>
          <Paper withBorder p="md" component="section" aria-labelledby="systems-title">
            <Title order={2} id="systems-title" size="h3" mb="sm">
              By system
            </Title>
            <BarChart
              title="People and source records by system"
              groups={d.bySystem.map((s) => ({ label: s.system, values: [{ name: 'people', value: s.people }, { name: 'source records', value: s.sourceRecords }] }))}
            />
          </Paper>
          <Paper withBorder p="md" component="section" aria-labelledby="trend-title">
            <Title order={2} id="trend-title" size="h3" mb="sm">
              Over time
            </Title>
            <Text size="sm" mb="sm">
              Each measurement this browser took; "Measure again" adds one.
            </Text>
            <SimpleGrid cols={{ base: 1, md: 3 }}>
              <div>
                <Text fw={600}>Suspected duplicate rate</Text>
                <LineChart title="Suspected duplicate rate" points={series((s) => s.suspectedDuplicateRate)} format={percent} />
              </div>
              <div>
                <Text fw={600}>Review backlog</Text>
                <LineChart title="Review backlog" points={series((s) => s.reviewBacklog)} format={(v) => String(v)} />
              </div>
              <div>
                <Text fw={600}>Audit readiness</Text>
                <LineChart title="Audit readiness" points={series((s) => s.auditReadiness)} format={percent} />
              </div>
            </SimpleGrid>
          </Paper>
        </>
      )}
    </Stack>
  );
}

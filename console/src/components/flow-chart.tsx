// A flow across entities as one picture: a lane per entity type, the events in order along it.
export interface FlowEvent {
  eventId: string;
  type: string;
  entityType: string;
  entityId: string;
  occurredAt: string;
}

interface Step extends FlowEvent {
  count: number;
}

/** One step per run of the same event type on the same entity (an ingest writes one entry per attribute). */
function stepsOf(events: FlowEvent[]): Step[] {
  const steps: Step[] = [];
  for (const e of events) {
    const last = steps[steps.length - 1];
    if (last && last.type === e.type && last.entityId === e.entityId) last.count += 1;
    else steps.push({ ...e, count: 1 });
  }
  return steps;
}

const COLORS: Record<string, string> = { Person: '#1864ab', Offer: '#5f3dc4', Employment: '#2b8a3e', Job: '#d9480f', Organization: '#862e9c' };

/** "PersonAttributeChanged" on the Person lane reads "AttributeChanged": the lane names the entity. */
function shortType(e: FlowEvent): string {
  const t = e.type.startsWith(e.entityType) && e.type.length > e.entityType.length ? e.type.slice(e.entityType.length) : e.type;
  return t.length > 17 ? `${t.slice(0, 16)}…` : t;
}

export function FlowChart({ events: all, title }: { events: FlowEvent[]; title: string }) {
  const events = stepsOf(all);
  const lanes = [...new Set(events.map((e) => e.entityType))];
  const step = 76;
  const labelWidth = 110;
  const lane = 70;
  const width = labelWidth + Math.max(1, events.length) * step + 40;
  const height = lanes.length * lane + 20;
  const summary = events.map((e, i) => `${i + 1}. ${e.entityType} ${e.type}${e.count > 1 ? ` ×${e.count}` : ''}`).join(', ');
  return (
    <div style={{ overflowX: 'auto' }}>
      <svg viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={`${title}: ${summary}`}>
        <title>{title}</title>
        {lanes.map((l, li) => (
          <g key={l}>
            <text x={labelWidth - 10} y={li * lane + lane / 2 + 14} textAnchor="end" fontSize="12" fontWeight="700" fill="#212529">
              {l}
            </text>
            <line x1={labelWidth} x2={width - 20} y1={li * lane + lane / 2 + 10} y2={li * lane + lane / 2 + 10} stroke="#adb5bd" />
          </g>
        ))}
        {events.map((e, i) => {
          const cx = labelWidth + 20 + i * step;
          const cy = lanes.indexOf(e.entityType) * lane + lane / 2 + 10;
          return (
            <g key={e.eventId}>
              <circle cx={cx} cy={cy} r={7} fill={COLORS[e.entityType] ?? '#495057'} />
              <text x={cx} y={cy - 12 - (i % 2) * 12} textAnchor="middle" fontSize="10" fill="#212529">
                {i + 1}. {shortType(e)}
                {e.count > 1 ? ` ×${e.count}` : ''}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}

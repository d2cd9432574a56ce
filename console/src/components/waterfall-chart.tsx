// The evidence of a match as match explainers draw it: each attribute's log2 weight added in turn,
// agreeing evidence to the right, disagreeing to the left, the total at the bottom.
export interface Evidence {
  attribute: string;
  level: string;
  weight: number;
}

const ROW = 26;
const LABEL = 190;
const WIDTH = 640;

export function WaterfallChart({ evidence, title }: { evidence: Evidence[]; title: string }) {
  let running = 0;
  const steps = evidence.map((e) => {
    const from = running;
    running += e.weight;
    return { ...e, from, to: running };
  });
  const total = running;
  const values = [0, total, ...steps.flatMap((s) => [s.from, s.to])];
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || 1;
  const plot = WIDTH - LABEL - 70;
  const x = (v: number) => LABEL + ((v - min) / span) * plot;
  const height = (steps.length + 1) * ROW + 30;
  const summary = `${steps.map((s) => `${s.attribute} ${s.level} ${s.weight >= 0 ? '+' : ''}${s.weight.toFixed(2)}`).join(', ')}; total ${total.toFixed(2)}`;
  return (
    <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" style={{ maxWidth: WIDTH }} role="img" aria-label={`${title}: ${summary}`}>
      <title>{title}</title>
      <line x1={x(0)} x2={x(0)} y1={4} y2={height - 22} stroke="#495057" strokeDasharray="3 3" />
      {steps.map((s, i) => {
        const y = 6 + i * ROW;
        const left = x(Math.min(s.from, s.to));
        const w = Math.max(2, Math.abs(x(s.to) - x(s.from)));
        return (
          <g key={`${s.attribute}-${i}`}>
            <text x={LABEL - 8} y={y + 15} textAnchor="end" fontSize="12" fill="#212529">
              {s.attribute} · {s.level}
            </text>
            <rect x={left} y={y} width={w} height={ROW - 8} fill={s.weight >= 0 ? '#2b8a3e' : '#c92a2a'} rx={2} />
            <text x={Math.max(x(s.to), x(s.from)) + 4} y={y + 14} fontSize="11" fill="#212529">
              {s.weight >= 0 ? '+' : ''}
              {s.weight.toFixed(2)}
            </text>
          </g>
        );
      })}
      <g>
        <text x={LABEL - 8} y={6 + steps.length * ROW + 15} textAnchor="end" fontSize="12" fontWeight="700" fill="#212529">
          Total match weight
        </text>
        <rect x={x(Math.min(0, total))} y={6 + steps.length * ROW} width={Math.max(2, Math.abs(x(total) - x(0)))} height={ROW - 8} fill="#1864ab" rx={2} />
        <text x={Math.max(x(total), x(0)) + 4} y={6 + steps.length * ROW + 14} fontSize="11" fontWeight="700" fill="#212529">
          {total.toFixed(2)}
        </text>
      </g>
      <text x={x(0)} y={height - 6} textAnchor="middle" fontSize="11" fill="#212529">
        0
      </text>
    </svg>
  );
}

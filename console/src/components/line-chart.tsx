// One measure over time as a line with its points; the last value is written out.
export interface Point {
  at: string;
  value: number;
}

export function LineChart({ points, title, format }: { points: Point[]; title: string; format(v: number): string }) {
  const width = 320;
  const height = 110;
  const pad = 24;
  const values = points.map((p) => p.value);
  const min = Math.min(0, ...values);
  const max = Math.max(...values, min + 1e-9);
  const x = (i: number) => pad + (points.length < 2 ? (width - 2 * pad) / 2 : (i / (points.length - 1)) * (width - 2 * pad));
  const y = (v: number) => height - pad - ((v - min) / (max - min || 1)) * (height - 2 * pad);
  const last = points[points.length - 1];
  const summary = points.map((p) => `${p.at}: ${format(p.value)}`).join(', ');
  return (
    <svg viewBox={`0 0 ${width} ${height}`} width="100%" style={{ maxWidth: width }} role="img" aria-label={`${title} over time: ${summary || 'no measurements yet'}`}>
      <title>{title}</title>
      <line x1={pad} x2={width - pad} y1={height - pad} y2={height - pad} stroke="#495057" />
      <polyline fill="none" stroke="#1864ab" strokeWidth={2} points={points.map((p, i) => `${x(i)},${y(p.value)}`).join(' ')} />
      {points.map((p, i) => (
        <circle key={`${p.at}-${i}`} cx={x(i)} cy={y(p.value)} r={3} fill="#1864ab" />
      ))}
      {last && (
        <text x={width - pad} y={14} textAnchor="end" fontSize="12" fill="#212529">
          now {format(last.value)} · {points.length} measurement{points.length === 1 ? '' : 's'}
        </text>
      )}
    </svg>
  );
}

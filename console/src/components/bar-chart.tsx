// Grouped horizontal bars with their numbers written out, so the chart reads without colour too.
export interface BarGroup {
  label: string;
  values: { name: string; value: number }[];
}

const COLORS = ['#1864ab', '#5f3dc4', '#2b8a3e', '#d9480f'];

export function BarChart({ groups, title }: { groups: BarGroup[]; title: string }) {
  const names = groups[0]?.values.map((v) => v.name) ?? [];
  const max = Math.max(1, ...groups.flatMap((g) => g.values.map((v) => v.value)));
  const bar = 16;
  const groupHeight = names.length * (bar + 4) + 14;
  const label = 90;
  const width = 520;
  const height = groups.length * groupHeight + 26;
  const summary = groups.map((g) => `${g.label}: ${g.values.map((v) => `${v.name} ${v.value}`).join(', ')}`).join('; ');
  return (
    <svg viewBox={`0 0 ${width} ${height}`} width="100%" style={{ maxWidth: width }} role="img" aria-label={`${title}: ${summary}`}>
      <title>{title}</title>
      {groups.map((g, gi) => (
        <g key={g.label}>
          <text x={label - 8} y={gi * groupHeight + 8 + names.length * (bar + 4) / 2 + 4} textAnchor="end" fontSize="12" fill="#212529">
            {g.label}
          </text>
          {g.values.map((v, vi) => {
            const y = gi * groupHeight + 6 + vi * (bar + 4);
            const w = (v.value / max) * (width - label - 60);
            return (
              <g key={v.name}>
                <rect x={label} y={y} width={Math.max(1, w)} height={bar} fill={COLORS[vi % COLORS.length]} rx={2} />
                <text x={label + w + 4} y={y + 12} fontSize="11" fill="#212529">
                  {v.value}
                </text>
              </g>
            );
          })}
        </g>
      ))}
      {names.map((n, i) => (
        <g key={n} transform={`translate(${label + i * 130}, ${height - 14})`}>
          <rect width={10} height={10} fill={COLORS[i % COLORS.length]} />
          <text x={14} y={9} fontSize="11" fill="#212529">
            {n}
          </text>
        </g>
      ))}
    </svg>
  );
}

/** Bars per month, drawn on the server as SVG: no chart library, no JavaScript. The page gives a table beside it. */
export function MoneyChart(props: { label: string; months: { label: string; omzet: number; net: number }[]; legend: { omzet: string; net: string } }) {
  const max = Math.max(1, ...props.months.map((month) => month.omzet));
  const barWidth = 10;
  const step = 32;
  const height = 120;
  const width = props.months.length * step;
  return (
    <figure className="space-y-2">
      <svg role="img" aria-label={props.label} viewBox={`0 0 ${width} ${height + 18}`} className="h-44 w-full" preserveAspectRatio="none">
        {props.months.map((month, index) => {
          const x = index * step + 4;
          const omzet = Math.round((month.omzet / max) * height);
          const net = Math.round((Math.max(0, month.net) / max) * height);
          return (
            <g key={month.label}>
              <rect x={x} y={height - omzet} width={barWidth} height={omzet} className="fill-sea-700" />
              <rect x={x + barWidth + 2} y={height - net} width={barWidth} height={net} className="fill-amber-400" />
              <text x={x + barWidth} y={height + 14} textAnchor="middle" className="fill-current text-[8px]">
                {month.label}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="flex gap-4 text-sm" aria-hidden="true">
        <span className="flex items-center gap-1">
          <span className="inline-block h-3 w-3 rounded-sm bg-sea-700" /> {props.legend.omzet}
        </span>
        <span className="flex items-center gap-1">
          <span className="inline-block h-3 w-3 rounded-sm bg-amber-400" /> {props.legend.net}
        </span>
      </figcaption>
    </figure>
  );
}

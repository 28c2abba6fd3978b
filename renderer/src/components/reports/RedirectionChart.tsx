import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { DESTINATION_KIND_LABELS, type DestinationKind } from '../../../../shared/directory.ts';
import type { RangeReport } from '../../../../shared/reports.ts';
import { plural } from '../../format.ts';
import { ChartFigure, LegendItem, useSvgId } from './ChartFigure.tsx';
import { countTicks, DAILY_CHART_MAX_DAYS, kindPoints, type KindPoint } from './chartData.ts';
import { describeRangeShort } from './dates.ts';
import { CHART_COLOURS, kindColour, KindPatterns, kindPatternId } from './patterns.tsx';
import { KIND_SHORT } from './reportText.ts';
import { NumHead } from './NumHead.tsx';

function summarise(points: KindPoint[], kinds: DestinationKind[], byWeek: boolean, range: string): string {
  const total = points.reduce((sum, point) => sum + point.total, 0);
  if (total === 0) return `No redirections from ${range}.`;
  const byKind = kinds
    .map((kind) => ({ kind, count: points.reduce((sum, point) => sum + (point[kind] ?? 0), 0) }))
    .sort((a, b) => b.count - a.count)
    .map(({ kind, count }) => `${KIND_SHORT[kind]} ${count}`)
    .join(', ');
  const busiest = points.reduce((best, point) => (point.total > best.total ? point : best));
  return (
    `Stacked bar chart: redirections each ${byWeek ? 'week' : 'day'} by kind of service, ${range}. ` +
    `${plural(total, 'redirection')} in all: ${byKind}. Busiest: ${busiest.longLabel}, ${busiest.total}.`
  );
}

/** Redirections over the range, stacked by kind of service; each kind has its own texture as well as colour. */
export function RedirectionChart({ report }: { report: RangeReport }) {
  const svgId = useSvgId();
  const byWeek = report.days > DAILY_CHART_MAX_DAYS;
  const { points, kinds } = kindPoints(report);
  const range = describeRangeShort(report);
  const total = points.reduce((sum, point) => sum + point.total, 0);
  const unit = byWeek ? 'Week' : 'Day';
  const ticks = countTicks(Math.max(1, ...points.map((point) => point.total)));

  return (
    <ChartFigure
      headingId="kind-chart-heading"
      title={byWeek ? 'Redirections each week, by kind of service' : 'Redirections each day, by kind of service'}
      summary={summarise(points, kinds, byWeek, range)}
      empty={total === 0 ? 'No patients were redirected in these dates.' : null}
      chart={
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={points} margin={{ top: 18, right: 12, bottom: 4, left: 0 }} accessibilityLayer={false}>
            <defs>
              <KindPatterns prefix={svgId} kinds={kinds} />
            </defs>
            <CartesianGrid vertical={false} stroke="#d8dadb" />
            <XAxis dataKey="label" tick={{ fontSize: 12, fill: CHART_COLOURS.ink }} tickLine={false} />
            <YAxis allowDecimals={false} ticks={ticks} domain={[0, ticks.at(-1) ?? 'auto']} tick={{ fontSize: 12, fill: CHART_COLOURS.ink }} width={40} />
            <Tooltip />
            {kinds.map((kind) => (
              <Bar
                key={kind}
                dataKey={kind}
                name={KIND_SHORT[kind]}
                stackId="kinds"
                fill={`url(#${kindPatternId(svgId, kind)})`}
                stroke="#fff"
                strokeWidth={1}
                isAnimationActive={false}
                maxBarSize={46}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      }
      legend={kinds.map((kind) => (
        <LegendItem
          key={kind}
          swatch={<rect x="1" y="1" width="16" height="12" fill={`url(#${kindPatternId(svgId, kind)})`} stroke={kindColour(kind)} />}
          label={KIND_SHORT[kind]}
        />
      ))}
      table={
        <table className="report-table compact-table">
          <caption className="visually-hidden">Redirections each {unit.toLowerCase()} by kind of service, {range}</caption>
          <thead>
            <tr>
              <th scope="col">{unit}</th>
              {kinds.map((kind) => (
                <th key={kind} scope="col" className="num">
                  <abbr title={DESTINATION_KIND_LABELS[kind]}>{KIND_SHORT[kind]}</abbr>
                </th>
              ))}
              <NumHead>In all</NumHead>
            </tr>
          </thead>
          <tbody>
            {points.map((point) => (
              <tr key={point.key}>
                <th scope="row">{point.label}</th>
                {kinds.map((kind) => (
                  <td key={kind} className="num">
                    {point[kind] ?? 0}
                  </td>
                ))}
                <td className="num report-strong">{point.total}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

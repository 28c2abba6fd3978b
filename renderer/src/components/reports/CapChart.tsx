import { useState } from 'react';
import { Bar, CartesianGrid, ComposedChart, LabelList, Line, ResponsiveContainer, Tooltip, XAxis, YAxis, type BarShapeProps } from 'recharts';
import type { RangeReport } from '../../../../shared/reports.ts';
import { plural } from '../../format.ts';
import { ChartFigure, LegendItem, useSvgId } from './ChartFigure.tsx';
import { capPoints, countTicks, DAILY_CHART_MAX_DAYS, type CapPoint } from './chartData.ts';
import { describeRangeShort } from './dates.ts';
import { CHART_COLOURS } from './patterns.tsx';
import { NumHead } from './NumHead.tsx';

function summarise(name: string, points: CapPoint[], byWeek: boolean, range: string): string {
  const unit = byWeek ? 'week' : 'day';
  if (points.length === 0) return `${name} did not work from ${range}.`;
  const busiest = points.reduce((best, point) => (point.counted > best.counted ? point : best));
  const daysWorked = points.reduce((sum, point) => sum + point.daysWorked, 0);
  const atCap = points.reduce((sum, point) => sum + point.daysAtOrOverCap, 0);
  const capped = points.some((point) => point.cap !== null);
  const caps = [...new Set(points.flatMap((point) => (point.cap === null || byWeek ? [] : [point.cap])))];
  const capText = !capped ? 'not capped' : caps.length === 1 ? `against a cap of ${caps[0] ?? 0} a day` : 'against the cap';
  return (
    `Bar chart: ${name}’s counted contacts each ${unit} from ${range}, ${capText}. ` +
    `${plural(daysWorked, 'day')} worked${capped ? `, at or over the cap on ${plural(atCap, 'day')}` : ''}. ` +
    `Busiest ${unit}: ${busiest.longLabel}, ${plural(busiest.counted, 'contact')}.`
  );
}

/** One clinician's contacts against their cap over the range: bars for contacts, a dashed line for the cap. */
export function CapChart({ report }: { report: RangeReport }) {
  const [chosen, setChosen] = useState<string | null>(null);
  const svgId = useSvgId();
  const clinician = report.clinicians.find((row) => row.clinicianId === chosen) ?? report.clinicians[0];
  const byWeek = report.days > DAILY_CHART_MAX_DAYS;
  const points = clinician ? capPoints(report, clinician.clinicianId) : [];
  const range = describeRangeShort(report);
  const overPattern = `${svgId}-over`;
  const unit = byWeek ? 'Week' : 'Day';
  const ticks = countTicks(Math.max(1, ...points.map((point) => Math.max(point.counted, point.cap ?? 0))));

  const controls = clinician && (
    <span className="chart-control">
      <label htmlFor="cap-chart-clinician">Clinician</label>
      <select id="cap-chart-clinician" value={clinician.clinicianId} onChange={(event) => setChosen(event.target.value)}>
        {report.clinicians.map((row) => (
          <option key={row.clinicianId} value={row.clinicianId}>
            {row.name}
          </option>
        ))}
      </select>
    </span>
  );

  return (
    <ChartFigure
      headingId="cap-chart-heading"
      title={byWeek ? 'Contacts each week against the cap' : 'Contacts each day against the cap'}
      controls={controls}
      summary={clinician ? summarise(clinician.name, points, byWeek, range) : ''}
      empty={!clinician ? 'Nobody worked in these dates.' : points.length === 0 ? `${clinician.name} did not work in these dates.` : null}
      chart={
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={points} margin={{ top: 18, right: 12, bottom: 4, left: 0 }} accessibilityLayer={false}>
            <defs>
              <pattern id={overPattern} patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(45)">
                <rect width="8" height="8" fill={CHART_COLOURS.full} />
                <path d="M0 0V8" stroke="#fff" strokeWidth="3" />
              </pattern>
            </defs>
            <CartesianGrid vertical={false} stroke="#d8dadb" />
            <XAxis dataKey="label" tick={{ fontSize: 12, fill: CHART_COLOURS.ink }} tickLine={false} />
            <YAxis allowDecimals={false} ticks={ticks} domain={[0, ticks.at(-1) ?? 'auto']} tick={{ fontSize: 12, fill: CHART_COLOURS.ink }} width={40} />
            <Tooltip formatter={(value, name) => [String(value), name === 'cap' ? 'Cap' : 'Contacts']} />
            <Bar
              dataKey="counted"
              name="Contacts"
              isAnimationActive={false}
              maxBarSize={46}
              shape={(bar: BarShapeProps) => {
                const reached = points[bar.index]?.reached ?? false;
                return (
                  <rect
                    x={bar.x}
                    y={bar.y}
                    width={bar.width}
                    height={Math.max(bar.height, 0)}
                    fill={reached ? `url(#${overPattern})` : CHART_COLOURS.brand}
                    stroke={reached ? CHART_COLOURS.full : CHART_COLOURS.brand}
                  />
                );
              }}
            >
              {points.length <= DAILY_CHART_MAX_DAYS && <LabelList dataKey="counted" position="top" fontSize={12} fontWeight={700} fill={CHART_COLOURS.ink} stroke="#fff" strokeWidth={4} paintOrder="stroke" />}
            </Bar>
            <Line
              dataKey="cap"
              name="cap"
              type="linear"
              stroke={CHART_COLOURS.ink}
              strokeWidth={2}
              strokeDasharray="6 4"
              dot={false}
              isAnimationActive={false}
              connectNulls={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      }
      legend={
        <>
          <LegendItem swatch={<rect x="1" y="1" width="16" height="12" fill={CHART_COLOURS.brand} />} label="Contacts" />
          <LegendItem swatch={<rect x="1" y="1" width="16" height="12" fill={`url(#${overPattern})`} stroke={CHART_COLOURS.full} />} label="Contacts, cap reached (striped)" />
          <LegendItem swatch={<path d="M0 7H18" stroke={CHART_COLOURS.ink} strokeWidth="2" strokeDasharray="5 3" />} label={byWeek ? 'Cap for the week’s working days (dashed)' : 'Cap (dashed)'} />
        </>
      }
      table={
        <table className="report-table compact-table">
          <caption className="visually-hidden">
            {clinician?.name}: counted contacts each {unit.toLowerCase()} against the cap, {range}
          </caption>
          <thead>
            <tr>
              <th scope="col">{unit}</th>
              {byWeek && (
                <NumHead>Days worked</NumHead>
              )}
              <NumHead>Contacts</NumHead>
              <NumHead>Cap</NumHead>
              <th scope="col">{byWeek ? 'Days at or over cap' : 'At or over cap'}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((point) => (
              <tr key={point.key}>
                <th scope="row">{point.label}</th>
                {byWeek && <td className="num">{point.daysWorked}</td>}
                <td className="num">{point.counted}</td>
                <td className="num">{point.cap ?? 'Not capped'}</td>
                <td>{byWeek ? point.daysAtOrOverCap : point.reached ? (point.cap !== null && point.counted > point.cap ? 'Over' : 'Yes, full') : 'No'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

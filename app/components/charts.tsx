import { ticks } from "d3-array";
import { useId } from "react";
import { formatEuro, formatWholePercent } from "~/domain/money";

// Charts drawn as plain SVG while the page renders on the server: they show without JavaScript,
// print, and ship no charting library: the scale is one line, the axis is drawn here, and only
// the round tick values come from d3-array (about 1.7 KB gzip in all). Each chart is an image
// with a title and a description for screen readers, every bar carries its value as text, and
// the page puts the same figures in a table next to it. See docs/decisions/023-charts-and-reports.md.

/** Bar colours, each at least 4.5:1 against white (so white text on them and them on white both pass AA). */
const SERIES_COLOURS = ["#0066CC", "#8A4B00", "#00695C", "#5C2D91", "#17324D"] as const;
const TEXT = "#1a1a1a";
const MUTED = "#5c6f82";
const MARKER = "#17324d";

// The drawing is 400 units wide and scales with its container (width 100%, capped at 36rem), so
// that on a 390 px phone the 15-unit text is still about 13 px on screen.
const WIDTH = 400;
const FONT = 15;
const TICK_FONT = 13;
const CHAR = 8; // average advance of a character at FONT, for fitting labels without measuring
const LABEL_HEIGHT = 21;
const BAR_HEIGHT = 18;
const BAR_GAP = 4;
const ROW_GAP = 14;
const AXIS_HEIGHT = 32;
const TICK_LENGTH = 8;
// A tick label's baseline: below the tick by its font size and a quarter (where @visx/axis put it).
const TICK_LABEL_Y = TICK_LENGTH + TICK_FONT * 1.25;
const PAD = 4;
// Room on the left for half of the "0" tick's label, which is centred on the axis' start.
const LEFT = 14;

export interface ChartSeries {
  label: string;
  colour?: string;
}

export interface ChartRow {
  key: string;
  label: string;
  /** One value per series, with the text written at the end of its bar */
  values: { value: number; text: string }[];
}

const clip = (text: string, room: number) => {
  const max = Math.max(4, Math.floor(room / CHAR));
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
};

/**
 * Horizontal bars: a label line per row, then one bar per series with its value written after
 * it. `marker` draws a dashed reference line across every row (the target of a progress chart).
 */
export function HorizontalBarChart({
  title,
  description,
  series,
  rows,
  tickFormat,
  marker,
  domainMax,
}: {
  title: string;
  description: string;
  series: ChartSeries[];
  rows: ChartRow[];
  tickFormat: (value: number) => string;
  marker?: { value: number; label: string };
  /** The scale's upper end; by default the largest value (or the marker) */
  domainMax?: number;
}) {
  const id = useId();
  const rowHeight = LABEL_HEIGHT + series.length * (BAR_HEIGHT + BAR_GAP) + ROW_GAP;
  const height = rows.length * rowHeight + AXIS_HEIGHT + PAD;
  // The value texts sit to the right of the bars: the bars get what the longest text leaves.
  const longestText = Math.max(0, ...rows.flatMap((row) => row.values.map((v) => v.text.length)));
  const textRoom = longestText * CHAR + 8;
  const barRoom = Math.max(WIDTH / 3, WIDTH - LEFT - PAD - textRoom);
  const largest = Math.max(0, ...rows.flatMap((row) => row.values.map((v) => v.value)), marker?.value ?? 0);
  // The scale: 0…domainTop onto 0…barRoom, values outside held at the ends, with d3's round ticks.
  const domainTop = domainMax && domainMax > 0 ? domainMax : largest > 0 ? largest : 1;
  const x = (value: number) => (Math.min(Math.max(value, 0), domainTop) / domainTop) * barRoom;
  const barTop = (seriesIndex: number) => LABEL_HEIGHT + seriesIndex * (BAR_HEIGHT + BAR_GAP);
  // A value above zero always shows at least a sliver, so it never reads as nothing.
  const barWidth = (value: number) => Math.max(value > 0 ? 2 : 0, x(value));

  return (
    <div className="chart mb-3">
      {series.length > 1 || marker ? (
        <ul className="list-inline small mb-2" aria-hidden="true">
          {series.length > 1
            ? series.map((s, index) => (
                <li key={s.label} className="list-inline-item me-3">
                  <svg width="14" height="14" className="me-1 align-middle" focusable="false">
                    <rect width="14" height="14" fill={s.colour ?? SERIES_COLOURS[index % SERIES_COLOURS.length]} />
                  </svg>
                  {s.label}
                </li>
              ))
            : null}
          {marker ? (
            <li className="list-inline-item">
              <svg width="14" height="14" className="me-1 align-middle" focusable="false">
                <line x1="7" x2="7" y1="0" y2="14" stroke={MARKER} strokeWidth="2" strokeDasharray="3 2" />
              </svg>
              {marker.label}
            </li>
          ) : null}
        </ul>
      ) : null}
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        style={{ width: "100%", maxWidth: "36rem", height: "auto", display: "block" }}
        fontSize={FONT}
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        <g transform={`translate(${LEFT}, ${PAD})`}>
          {rows.map((row, rowIndex) => {
            const top = rowIndex * rowHeight;
            return (
              <g key={row.key} transform={`translate(0, ${top})`}>
                <text x={0} y={FONT} fill={TEXT} fontWeight={600}>
                  {clip(row.label, WIDTH - LEFT - PAD)}
                </text>
                {row.values.map((entry, seriesIndex) => (
                  <rect
                    key={seriesIndex}
                    x={0}
                    y={barTop(seriesIndex)}
                    width={barWidth(entry.value)}
                    height={BAR_HEIGHT}
                    fill={series[seriesIndex]?.colour ?? SERIES_COLOURS[seriesIndex % SERIES_COLOURS.length]}
                  />
                ))}
                {marker ? (
                  // Over the bars, with a white edge so that it shows on the bar's colour too.
                  <g>
                    <line
                      x1={x(marker.value)}
                      x2={x(marker.value)}
                      y1={LABEL_HEIGHT - 1}
                      y2={barTop(series.length) + 1}
                      stroke="#ffffff"
                      strokeWidth={4}
                      shapeRendering="crispEdges"
                    />
                    <line
                      x1={x(marker.value)}
                      x2={x(marker.value)}
                      y1={LABEL_HEIGHT - 1}
                      y2={barTop(series.length) + 1}
                      stroke={MARKER}
                      strokeWidth={2}
                      strokeDasharray="4 3"
                      shapeRendering="crispEdges"
                    />
                  </g>
                ) : null}
                {row.values.map((entry, seriesIndex) => (
                  // A white halo keeps the value readable where the target line crosses it.
                  <text
                    key={seriesIndex}
                    x={barWidth(entry.value) + 6}
                    y={barTop(seriesIndex) + BAR_HEIGHT - 4}
                    fill={TEXT}
                    stroke="#ffffff"
                    strokeWidth={4}
                    paintOrder="stroke"
                  >
                    {entry.text}
                  </text>
                ))}
              </g>
            );
          })}
          {/* With nothing above zero the bars' own labels ("0,00 €") say it all: no axis of zeros. */}
          {largest > 0 || domainMax ? (
            // The scale's round ticks (0, 2.000.000 €, 4.000.000 €…), each a short line down from
            // the baseline with its label centred under it; the baseline spans the bars' room.
            <g transform={`translate(0, ${rows.length * rowHeight})`}>
              {ticks(0, domainTop, 4).map((tick) => (
                <g key={tick}>
                  <line x1={x(tick)} x2={x(tick)} y1={0} y2={TICK_LENGTH} stroke={MUTED} strokeLinecap="square" shapeRendering="crispEdges" />
                  <text x={x(tick)} y={TICK_LABEL_Y} fill={TEXT} fontSize={TICK_FONT} textAnchor="middle">
                    {tickFormat(tick)}
                  </text>
                </g>
              ))}
              <line x1={0.5} x2={barRoom + 0.5} y1={0} y2={0} stroke={MUTED} shapeRendering="crispEdges" />
            </g>
          ) : null}
        </g>
      </svg>
    </div>
  );
}

/**
 * An axis tick in whole euros ("2.000.000 €"): the ticks are round numbers of cents, and the exact
 * amounts are in the bar labels and the table. Formatted from cents, never divided.
 */
export const euroTick = (cents: number) => formatEuro(Math.round(cents)).replace(/,\d\d €$/, " €");

export const compactPercent = formatWholePercent;

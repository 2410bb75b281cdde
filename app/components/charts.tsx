import { AxisBottom } from "@visx/axis";
import { Group } from "@visx/group";
import { scaleLinear } from "@visx/scale";
import { Bar, Line } from "@visx/shape";
import { useId } from "react";
import { formatEuro } from "~/domain/money";

// Charts drawn as plain SVG while the page renders on the server: they show without JavaScript,
// print, and ship no charting runtime beyond a few small @visx helpers. Each chart is an image
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
  const x = scaleLinear<number>({ domain: [0, domainMax ?? (largest > 0 ? largest : 1)], range: [0, barRoom], clamp: true });
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
        <Group left={LEFT} top={PAD}>
          {rows.map((row, rowIndex) => {
            const top = rowIndex * rowHeight;
            return (
              <Group key={row.key} top={top}>
                <text x={0} y={FONT} fill={TEXT} fontWeight={600}>
                  {clip(row.label, WIDTH - LEFT - PAD)}
                </text>
                {row.values.map((entry, seriesIndex) => (
                  <Bar
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
                    <Line
                      from={{ x: x(marker.value), y: LABEL_HEIGHT - 1 }}
                      to={{ x: x(marker.value), y: barTop(series.length) + 1 }}
                      stroke="#ffffff"
                      strokeWidth={4}
                    />
                    <Line
                      from={{ x: x(marker.value), y: LABEL_HEIGHT - 1 }}
                      to={{ x: x(marker.value), y: barTop(series.length) + 1 }}
                      stroke={MARKER}
                      strokeWidth={2}
                      strokeDasharray="4 3"
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
              </Group>
            );
          })}
          {/* With nothing above zero the bars' own labels ("0,00 €") say it all: no axis of zeros. */}
          {largest > 0 || domainMax ? (
            <AxisBottom
              top={rows.length * rowHeight}
              scale={x}
              numTicks={4}
              tickFormat={(value) => tickFormat(Number(value))}
              stroke={MUTED}
              tickStroke={MUTED}
              tickLabelProps={{ fill: TEXT, fontSize: TICK_FONT, fontFamily: "inherit", textAnchor: "middle" }}
            />
          ) : null}
        </Group>
      </svg>
    </div>
  );
}

/**
 * An axis tick in whole euros ("2.000.000 €"): the ticks are round numbers of cents, and the exact
 * amounts are in the bar labels and the table. Formatted from cents, never divided.
 */
export const euroTick = (cents: number) => formatEuro(Math.round(cents)).replace(/,\d\d €$/, " €");

export const compactPercent = (value: number) => `${value.toLocaleString("it-IT", { maximumFractionDigits: 0 })}%`;

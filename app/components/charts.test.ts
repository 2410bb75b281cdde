import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { compactPercent, euroTick, HorizontalBarChart, type ChartRow } from "~/components/charts";

// The chart is drawn on the server as plain SVG, axis included (no @visx/axis): these check the
// drawing's numbers on the markup React renders.

type Props = Parameters<typeof HorizontalBarChart>[0];
const render = (props: Omit<Props, "title" | "description">) =>
  renderToStaticMarkup(createElement(HorizontalBarChart, { title: "Titolo", description: "Descrizione", ...props }));

const row = (label: string, value: number, text = String(value)): ChartRow => ({ key: label, label, values: [{ value, text }] });
const attr = (tag: string, name: string) => Number(new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1]);

/** The axis: its group's offset, each tick's line and label, and the baseline. */
function axis(markup: string) {
  const group = /<g transform="translate\(0, ([\d.]+)\)"><g><line[\s\S]*<\/g>(<line[^>]*>)<\/line><\/g><\/g><\/svg>/.exec(markup);
  if (!group) return null;
  const ticks = [...markup.matchAll(/<g>(<line[^>]*>)<\/line>(<text[^>]*>)([^<]*)<\/text><\/g>/g)].map(([, line = "", text = "", label]) => ({
    lineX: attr(line, "x1"),
    lineY2: attr(line, "y2"),
    labelX: attr(text, "x"),
    labelY: attr(text, "y"),
    text,
    label,
  }));
  const tickX = (index: number) => ticks[index]?.lineX ?? Number.NaN;
  return { top: Number(group[1]), ticks, tickX, baseline: group[2] ?? "" };
}
const barWidths = (markup: string) => [...markup.matchAll(/<rect x="0" y="[\d.]+" width="([\d.]+)"/g)].map((m) => Number(m[1]));

describe("HorizontalBarChart's axis", () => {
  const money = [row("Programmato", 565_714_286), row("Impegnato", 350_742_857), row("Liquidato", 120_214_290)];

  it("puts about four round ticks under the rows, each with its line and its label centred on it", () => {
    const markup = render({ series: [{ label: "Importo" }], rows: money, tickFormat: euroTick });
    const drawn = axis(markup);
    expect(drawn).not.toBeNull();
    // One series: a row is the label line (21), a bar and its gap (22) and the gap to the next row (14).
    expect(drawn!.top).toBe(3 * 57);
    expect(drawn!.ticks.map((tick) => tick.label)).toEqual(["0 €", "2.000.000 €", "4.000.000 €"]);
    const largest = Math.max(...barWidths(markup));
    for (const tick of drawn!.ticks) {
      expect(tick.labelX).toBe(tick.lineX);
      expect(tick.lineY2).toBe(8);
      expect(tick.labelY).toBe(24.25);
      expect(tick.text).toContain('text-anchor="middle"');
      expect(tick.text).toContain('font-size="13"');
      expect(tick.text).toContain('fill="#1a1a1a"');
    }
    // On the bars' scale: the 2.000.000 € tick is where a bar of that amount would end.
    expect(drawn!.tickX(0)).toBe(0);
    expect(drawn!.tickX(1)).toBeCloseTo((largest * 200_000_000) / 565_714_286, 9);
    expect(drawn!.tickX(2)).toBeCloseTo(2 * drawn!.tickX(1), 9);
    // The baseline spans the room of the longest bar, in the muted colour.
    expect(attr(drawn!.baseline, "x1")).toBe(0.5);
    expect(attr(drawn!.baseline, "x2")).toBe(largest + 0.5);
    expect(drawn!.baseline).toContain('stroke="#5c6f82"');
  });

  it("runs to the given upper end, holds longer bars there and marks the target on a tick", () => {
    const markup = render({
      series: [{ label: "Raggiunto" }],
      rows: [row("Poco", 20), row("Oltre", 180)],
      tickFormat: compactPercent,
      marker: { value: 100, label: "Obiettivo (100%)" },
      domainMax: 150,
    });
    const drawn = axis(markup)!;
    expect(drawn.ticks.map((tick) => tick.label)).toEqual(["0%", "50%", "100%", "150%"]);
    const [short, long] = barWidths(markup);
    expect(long).toBe(drawn.tickX(3));
    expect(short).toBeCloseTo(drawn.tickX(3) * (20 / 150), 9);
    const markerX = [...markup.matchAll(/<line x1="([\d.]+)" x2="[\d.]+" y1="20"/g)].map((m) => Number(m[1]));
    // Two lines (white edge, dashed line) in each of the two rows, at the 100% tick.
    expect(markerX).toEqual(Array(4).fill(drawn.tickX(2)));
  });

  it("draws no axis of zeros when nothing is above zero, and a sliver for a tiny value", () => {
    const zeros = render({ series: [{ label: "Importo" }], rows: [row("A", 0), row("B", 0)], tickFormat: euroTick });
    expect(axis(zeros)).toBeNull();
    expect(zeros).not.toContain("text-anchor");
    expect(barWidths(zeros)).toEqual([0, 0]);

    const tiny = render({ series: [{ label: "Importo" }], rows: [row("A", 1), row("B", 1_000_000)], tickFormat: euroTick });
    expect(barWidths(tiny)[0]).toBe(2);
    expect(axis(tiny)!.ticks.length).toBeGreaterThanOrEqual(3);
  });
});

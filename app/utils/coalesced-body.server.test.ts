import { setImmediate as nextTurn } from "node:timers/promises";
import { describe, expect, it, vi } from "vitest";
import { coalescedBody } from "./coalesced-body.server";

/** Everything the stream hands on, chunk by chunk, as text. */
function collect(body: ReturnType<typeof coalescedBody>) {
  const chunks: string[] = [];
  body.on("data", (chunk: Buffer) => chunks.push(chunk.toString("utf8")));
  const ended = new Promise<void>((resolve) => body.on("end", resolve));
  return { chunks, ended };
}

describe("coalescedBody", () => {
  it("hands on the pieces written in one go as one chunk, in order, when the document ends", async () => {
    const onEnd = vi.fn();
    const body = coalescedBody(onEnd);
    const { chunks, ended } = collect(body);
    const pieces = Array.from({ length: 100 }, (_, i) => `<p>pezzo ${i}</p>`);
    for (const piece of pieces) body.write(new TextEncoder().encode(piece));
    body.end();
    await ended;
    expect(chunks).toEqual([pieces.join("")]);
    expect(onEnd).toHaveBeenCalledTimes(1);
  });

  it("lets pieces written in a later turn (a Suspense boundary resolving) leave on their own", async () => {
    const body = coalescedBody(() => {});
    const { chunks, ended } = collect(body);
    body.write("<html><body>");
    body.write("<main>guscio</main>");
    await nextTurn();
    await nextTurn();
    expect(chunks).toEqual(["<html><body><main>guscio</main>"]);
    body.write("<template>dati</template>");
    body.write("</body></html>");
    await nextTurn();
    body.end();
    await ended;
    expect(chunks).toEqual(["<html><body><main>guscio</main>", "<template>dati</template></body></html>"]);
  });

  it("ends cleanly when nothing more was written after the last chunk left", async () => {
    const onEnd = vi.fn();
    const body = coalescedBody(onEnd);
    const { chunks, ended } = collect(body);
    body.write("<!DOCTYPE html>");
    await nextTurn();
    body.end();
    await ended;
    expect(chunks).toEqual(["<!DOCTYPE html>"]);
    expect(onEnd).toHaveBeenCalledTimes(1);
  });
});

import { Transform } from "node:stream";

/**
 * The document's body stream. React writes its HTML in pieces of 2 KB, and React Router's Node
 * adapter writes each piece to the response and flushes it: through `compression` every flush
 * closes a gzip block, so a 220 KB page went out as a hundred blocks, 2.5 times the bytes of one
 * gzip, with a hundred trips through the streams and zlib. The pieces React writes in one go
 * leave together, on the next turn of the event loop or when React ends the document; pieces
 * written later (a Suspense boundary resolving) still leave when they are ready.
 */
export function coalescedBody(onEnd: () => void) {
  let pending: Buffer[] = [];
  let scheduled = false;
  const body = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      pending.push(chunk);
      if (!scheduled) {
        scheduled = true;
        setImmediate(release);
      }
      callback();
    },
    flush(callback) {
      release();
      onEnd();
      callback();
    },
  });
  function release() {
    scheduled = false;
    if (pending.length === 0) return;
    const chunks = pending;
    pending = [];
    body.push(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
  }
  return body;
}

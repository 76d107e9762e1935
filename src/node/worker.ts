/**
 * Worker-thread entry of the pool in `worker-pool.ts`: runs one task at a time.
 * @internal
 * @module
 */
import { parentPort } from "node:worker_threads";
import { handlers } from "./worker-handlers.ts";

parentPort?.on("message", async (msg: { id: number; kind: string; payload: unknown }) => {
  try {
    const handler = handlers[msg.kind];
    if (!handler) throw new Error(`Unknown worker task kind "${msg.kind}"`);
    const value = await handler(msg.payload);
    parentPort?.postMessage({ id: msg.id, ok: true, value });
  } catch (err) {
    const e = err as { message?: string; code?: string; name?: string };
    parentPort?.postMessage({ id: msg.id, ok: false, error: { message: String(e?.message ?? err), code: e?.code, name: e?.name } });
  }
});

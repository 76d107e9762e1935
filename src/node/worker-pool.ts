/**
 * A small worker-thread pool: each worker runs one task at a time, so memory
 * stays bounded by one task per worker. Results come back in input order;
 * a failing task is reported and the others go on.
 * @module
 */
import { availableParallelism } from "node:os";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { handlers, releases } from "./worker-handlers.ts";

/** Outcome of one task. */
export type TaskResult<R> =
  | { ok: true; value: R }
  | { ok: false; error: { message: string; code?: string; name?: string } };

/** Options of {@link runTasks}. */
export interface RunTasksOptions {
  /** Worker threads to use; 1 runs the tasks in this thread. Default: the number of cores. */
  concurrency?: number;
  /** Called after each task with the count done, the total, and the task's index. */
  onProgress?: (done: number, total: number, index: number) => void;
}

function workerUrl(): URL {
  const here = new URL(import.meta.url);
  // From the sources (tests) the worker is the built file; from dist it sits beside this chunk.
  const url = here.pathname.endsWith(".ts") ? new URL("../../dist/worker.js", here) : new URL("./worker.js", here);
  if (!existsSync(fileURLToPath(url))) {
    throw new Error(`flarekit worker script not found at ${fileURLToPath(url)}; run \`npm run build\` first.`);
  }
  return url;
}

/**
 * Runs `payloads.length` tasks of one registered kind on worker threads.
 *
 * @param kind - A key of the worker handler registry.
 * @param payloads - One structured-clone-able payload per task.
 * @param options - Concurrency and progress callback.
 * @returns One result per payload, in input order.
 */
export async function runTasks<P, R>(kind: string, payloads: readonly P[], options: RunTasksOptions = {}): Promise<TaskResult<R>[]> {
  const total = payloads.length;
  const results: TaskResult<R>[] = new Array(total);
  const concurrency = Math.max(1, Math.min(options.concurrency ?? availableParallelism(), total || 1));
  let done = 0;
  const report = (i: number) => options.onProgress?.(++done, total, i);
  if (concurrency === 1) {
    const handler = handlers[kind];
    if (!handler) throw new Error(`Unknown task kind "${kind}"`);
    try {
      for (let i = 0; i < total; i++) {
        try {
          results[i] = { ok: true, value: (await handler(payloads[i])) as R };
        } catch (err) {
          const e = err as { message?: string; code?: string; name?: string };
          results[i] = { ok: false, error: { message: String(e?.message ?? err), code: e?.code, name: e?.name } };
        }
        report(i);
      }
    } finally {
      await releases[kind]?.();
    }
    return results;
  }
  const url = workerUrl();
  let next = 0;
  const runWorker = () =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(url);
      let current = -1;
      const feed = () => {
        if (next >= total) {
          void worker.terminate().then(() => resolve());
          return;
        }
        current = next++;
        worker.postMessage({ id: current, kind, payload: payloads[current] });
      };
      worker.on("message", (msg: { id: number; ok: boolean; value?: R; error?: { message: string; code?: string; name?: string } }) => {
        results[msg.id] = msg.ok ? { ok: true, value: msg.value as R } : { ok: false, error: msg.error ?? { message: "unknown error" } };
        report(msg.id);
        feed();
      });
      worker.on("error", (err) => {
        if (current >= 0 && results[current] === undefined) {
          results[current] = { ok: false, error: { message: err.message, name: err.name } };
          report(current);
        }
        // The worker died (for example out of memory); carry on with a fresh one.
        runWorker().then(resolve, reject);
      });
      feed();
    });
  await Promise.all(Array.from({ length: concurrency }, runWorker));
  return results;
}

/**
 * Access to the reference data in `../shared` (present in CI and on developers'
 * machines, absent in a user's fresh clone). Suites that need it use
 * {@link describeShared}, which skips them with a clear message when absent.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "vitest";

/** The repository root. */
export const REPO_ROOT: string = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/** `../shared` relative to the repository root. */
export const SHARED_DIR: string = resolve(REPO_ROOT, "../shared");
/** `../shared/data`. */
export const SHARED_DATA: string = join(SHARED_DIR, "data");
/** Whether the shared reference data is present. */
export const sharedAvailable: boolean = existsSync(join(SHARED_DATA, "nifti", "truth", "index.json"));

let warned = false;

/**
 * A `describe` that runs only when `../shared/data` exists and otherwise
 * skips, printing once why (so a user's fresh clone still passes).
 */
export function describeShared(name: string, fn: () => void): void {
  if (!sharedAvailable && !warned) {
    warned = true;
    console.warn(`[flarekit tests] ../shared/data not found at ${SHARED_DATA}: reference-data suites are skipped. They run in CI.`);
  }
  if (!sharedAvailable) {
    // Do not run `fn` at all: suites read the reference files while they collect their tests.
    describe.skipIf(true)(`${name} (reference data in ../shared: absent, skipped)`, () => {
      it.skipIf(true)("needs ../shared/data, which is present in CI and on developers' machines", () => {});
    });
    return;
  }
  describe(`${name} (reference data in ../shared)`, fn);
}

/** Reads and parses a JSON file under `../shared/data`. */
export function sharedJson<T = unknown>(relativePath: string): T {
  return JSON.parse(readFileSync(join(SHARED_DATA, relativePath), "utf8")) as T;
}

/** Absolute path of a file under `../shared/data`. */
export function sharedPath(relativePath: string): string {
  return join(SHARED_DATA, relativePath);
}

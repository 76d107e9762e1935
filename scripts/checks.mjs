// A tiny check runner for the distribution scripts in this folder (pack smoke test, ...):
// each check prints one line, and `finish` prints "N passed, N failed", writes the counts
// to $FLAREKIT_CI_COUNTS/<step>.json when .ci/run asks for it, and sets the exit code.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const results = [];

/** Runs `fn` (sync or async) as one named check; a throw is a failure, shown with its message. */
export async function check(name, fn) {
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`  ✓ ${name}`);
  } catch (err) {
    results.push({ name, ok: false });
    console.log(`  ✗ ${name}\n      ${String(err?.stack ?? err).split("\n").slice(0, 6).join("\n      ")}`);
  }
}

/** Prints the tally, records it for CI as `<step>.json`, and sets the process exit code. */
export function finish(step) {
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  console.log(`${step}: ${passed} passed, ${failed} failed`);
  const dir = process.env.FLAREKIT_CI_COUNTS;
  if (dir) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${step}.json`), JSON.stringify({ passed, failed }));
  }
  process.exitCode = failed > 0 ? 1 : 0;
}

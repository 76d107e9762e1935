/**
 * A progress bar on stderr for multi-file work (redrawn in place on a TTY,
 * a line every 10 % otherwise).
 * @internal
 * @module
 */
import type { CliIO } from "./command.ts";

/** A started progress bar. */
export interface ProgressBar {
  /** Reports `done` of `total` items, with an optional label (for example the file name). */
  update(done: number, total: number, label?: string): void;
  /** Ends the bar (prints a newline on a TTY). */
  finish(): void;
}

/**
 * Creates a progress bar writing to `io.stderr`.
 * @param title - Shown before the bar, for example `"eval"`.
 * @param io - Where to write.
 * @param enabled - When false, nothing is printed.
 */
export function progressBar(title: string, io: CliIO, enabled = true): ProgressBar {
  const tty = Boolean(io.stderr.isTTY);
  let lastDecile = -1;
  const t0 = Date.now();
  return {
    update(done, total, label = "") {
      if (!enabled) return;
      const frac = total > 0 ? done / total : 1;
      const secs = ((Date.now() - t0) / 1000).toFixed(1);
      if (tty) {
        const width = 24;
        const full = Math.round(frac * width);
        io.stderr.write(`\r${title} [${"#".repeat(full)}${"-".repeat(width - full)}] ${done}/${total} ${secs}s ${label}`.slice(0, 120).padEnd(120));
      } else {
        const decile = Math.floor(frac * 10);
        if (decile !== lastDecile || done === total) {
          lastDecile = decile;
          io.stderr.write(`${title}: ${done}/${total} (${Math.round(frac * 100)} %) ${secs}s\n`);
        }
      }
    },
    finish() {
      if (enabled && tty) io.stderr.write("\n");
    },
  };
}

/**
 * `flarekit summary DATASET_DIR [--markdown | --json]`: the FLARE21 dataset card's tables for a folder.
 * @internal
 * @module
 */
import { datasetSummaryMarkdown } from "../../../stats/dataset-summary-markdown.ts";
import { datasetSummary } from "../../dataset-summary.ts";
import { parseCliArgs, positiveIntegerOption } from "../args.ts";
import { type CliCommand, UsageError } from "../command.ts";
import { progressBar } from "../progress.ts";

/** `flarekit summary`. */
export const summaryCommand: CliCommand = {
  name: "summary",
  summary: "Summarise a dataset folder like the FLARE21 dataset card (spacing, size, organ coverage and volumes, HU)",
  help: `Usage: flarekit summary <DATASET_DIR> [--markdown | --json] [--workers N] [--quiet]

Reads every case of an nnU-Net raw-data folder (imagesTr/, labelsTr/,
imagesVal/, imagesTs/ …; images <id>_0000.nii.gz, labels <id>.nii.gz) or of the
FLARE21 release (TrainingImg/, TrainingMask/, ValidationImg/ …) on worker
threads, one case per worker at a time, and prints: cases per split; spacing
and size min / median / max per axis; per organ the cases containing it,
coverage, and max / average / median / min volume in cm³; the foreground HU
statistics used for CT normalisation. Unreadable cases are listed and left
out. A progress bar goes to stderr.

Options:
  --markdown    print Markdown tables (the default)
  --json        print the summary as JSON
  --workers N   worker threads (default: the number of cores)
  --quiet       no progress bar

Example:
  flarekit summary ~/data/FLARE21 --workers 2 > dataset-card.md
`,
  async run(argv, io) {
    const { values, positionals } = parseCliArgs(argv, {
      markdown: { type: "boolean" },
      json: { type: "boolean" },
      workers: { type: "string" },
      quiet: { type: "boolean" },
    });
    if (positionals.length !== 1) throw new UsageError(`expected one dataset folder, got ${positionals.length}`);
    if (values.markdown && values.json) throw new UsageError("choose one of --markdown and --json");
    const workers = positiveIntegerOption("workers", values.workers);
    const bar = progressBar("summary", io, !values.quiet);
    const summary = await datasetSummary(positionals[0], {
      ...(workers !== undefined ? { workers } : {}),
      onProgress: (done, total, id) => bar.update(done, total ?? done, id),
    });
    bar.finish();
    io.stdout.write(values.json ? JSON.stringify(summary, null, 2) + "\n" : datasetSummaryMarkdown(summary));
    if (summary.failures.length > 0) {
      io.stderr.write(`flarekit summary: ${summary.failures.length} case(s) could not be read and were left out (listed in the output).\n`);
    }
    return 0;
  },
};

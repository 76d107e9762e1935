// Public API of flarekit/stats (curated): per-organ statistics and dataset summaries.
export { labelStatistics } from "./label-statistics.ts";
export type { LabelStatisticsOptions, OrganStatistics, HuStatistics } from "./label-statistics.ts";
export { totalSegmentatorStatistics } from "./total-segmentator-statistics.ts";
export type { TotalSegmentatorOrganStatistics, TotalSegmentatorStatisticsOptions } from "./total-segmentator-statistics.ts";
export { FLARE_ORGAN_NAMES } from "./organ-names.ts";
export { summarizeCase } from "./summarize-case.ts";
export type { DatasetCase, DatasetSplit, CaseSummary, CaseOrganVolume, LabelValueCounts } from "./summarize-case.ts";
export { DatasetSummaryBuilder } from "./dataset-summary-builder.ts";
export type {
  AxisRange,
  CaseFailure,
  DatasetCaseRecord,
  DatasetOrganSummary,
  DatasetSummary,
  DatasetSummaryBuilderOptions,
  ForegroundHuStatistics,
  OrganVolumeRange,
} from "./dataset-summary-builder.ts";
export { datasetSummaryMarkdown } from "./dataset-summary-markdown.ts";
export type { DatasetSummaryMarkdownOptions } from "./dataset-summary-markdown.ts";

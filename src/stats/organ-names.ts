/**
 * Label tables.
 * @module
 */

/**
 * The FLARE21 label table: 1 liver, 2 kidney, 3 spleen, 4 pancreas (0 is background).
 *
 * @example
 * ```ts
 * import { FLARE_ORGAN_NAMES } from "flarekit/stats";
 * FLARE_ORGAN_NAMES[3]; // "spleen"
 * ```
 * @see J. Ma et al., "Fast and Low-GPU-memory abdomen CT organ segmentation: The FLARE challenge", Medical Image Analysis 82, 2022.
 */
export const FLARE_ORGAN_NAMES: Readonly<Record<number, string>> = Object.freeze({
  1: "liver",
  2: "kidney",
  3: "spleen",
  4: "pancreas",
});

/** The name of `label` in `names`, or `label_<n>` when the table has none. */
export function labelName(names: Readonly<Record<number, string>>, label: number): string {
  return names[label] ?? `label_${label}`;
}

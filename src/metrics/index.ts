/**
 * FLARE21 metrics: Dice, normalized surface Dice, Hausdorff and average
 * surface distances identical to the official evaluation code, plus case
 * evaluation, efficiency metrics and team ranking.
 * @module
 */
export { surfaceAreas } from "./surface-area.ts";

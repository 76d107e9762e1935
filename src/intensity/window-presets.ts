/**
 * Named CT display windows (center / width in HU) with their sources.
 * @module
 */

/** A display window in HU: values from `center − width/2` to `center + width/2` span the output range. */
export interface WindowLevel {
  /** Window center (DICOM Window Center, "level"), HU. */
  center: number;
  /** Window width (DICOM Window Width), HU; at least 1. */
  width: number;
}

/** A named window and where it comes from. */
export interface WindowPreset extends WindowLevel {
  /** The viewer or document that defines it. */
  source: string;
}

/** Names of the built-in presets in {@link WINDOW_PRESETS}. */
export type WindowPresetName =
  | "abdomen"
  | "soft-tissue"
  | "liver"
  | "lung"
  | "bone"
  | "brain"
  | "slicer-bone"
  | "slicer-air"
  | "slicer-brain"
  | "slicer-lung";

const OHIF = "OHIF Viewer default CT window/level presets (platform/core defaults, windowLevelPresets)";
const SLICER = "3D Slicer Volumes module display presets (Modules/Loadable/Volumes/Resources/VolumeDisplayPresets.json)";

/**
 * Built-in CT windows, HU. `abdomen` is 3D Slicer's CT-Abdomen; `soft-tissue`, `liver`, `lung`, `bone`
 * and `brain` are OHIF's CT presets; the `slicer-*` entries are 3D Slicer's other CT presets.
 *
 * | name | center (L) | width (W) | source |
 * | --- | --- | --- | --- |
 * | abdomen | 40 | 350 | 3D Slicer CT-Abdomen |
 * | soft-tissue | 40 | 400 | OHIF |
 * | liver | 90 | 150 | OHIF |
 * | lung | −600 | 1500 | OHIF |
 * | bone | 480 | 2500 | OHIF |
 * | brain | 40 | 80 | OHIF |
 * | slicer-bone | 400 | 1000 | 3D Slicer CT-Bone |
 * | slicer-air | −426 | 1000 | 3D Slicer CT-Air |
 * | slicer-brain | 50 | 100 | 3D Slicer CT-Brain |
 * | slicer-lung | −500 | 1400 | 3D Slicer CT-Lung |
 *
 * @example
 * ```ts
 * import { WINDOW_PRESETS } from "flarekit/intensity";
 * WINDOW_PRESETS.abdomen.width; // 350
 * ```
 */
export const WINDOW_PRESETS: Readonly<Record<WindowPresetName, Readonly<WindowPreset>>> = Object.freeze({
  abdomen: Object.freeze({ center: 40, width: 350, source: `${SLICER}: CT-Abdomen` }),
  "soft-tissue": Object.freeze({ center: 40, width: 400, source: `${OHIF}: Soft tissue` }),
  liver: Object.freeze({ center: 90, width: 150, source: `${OHIF}: Liver` }),
  lung: Object.freeze({ center: -600, width: 1500, source: `${OHIF}: Lung` }),
  bone: Object.freeze({ center: 480, width: 2500, source: `${OHIF}: Bone` }),
  brain: Object.freeze({ center: 40, width: 80, source: `${OHIF}: Brain` }),
  "slicer-bone": Object.freeze({ center: 400, width: 1000, source: `${SLICER}: CT-Bone` }),
  "slicer-air": Object.freeze({ center: -426, width: 1000, source: `${SLICER}: CT-Air` }),
  "slicer-brain": Object.freeze({ center: 50, width: 100, source: `${SLICER}: CT-Brain` }),
  "slicer-lung": Object.freeze({ center: -500, width: 1400, source: `${SLICER}: CT-Lung` }),
});

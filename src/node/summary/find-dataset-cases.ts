/**
 * Lists the cases of an nnU-Net / FLARE layout folder.
 * @module
 */
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { InvalidArgumentError, IoError } from "../../core/errors.ts";
import type { CaseFailure } from "../../stats/dataset-summary-builder.ts";
import type { DatasetSplit } from "../../stats/summarize-case.ts";
import type { DatasetCaseFiles } from "./summarize-case-files.ts";

/** Folder names of each split: nnU-Net's first, then the FLARE21 release's. */
const SPLIT_FOLDERS: { split: DatasetSplit; images: string[]; labels: string[] }[] = [
  { split: "train", images: ["imagesTr", "TrainingImg"], labels: ["labelsTr", "TrainingMask"] },
  { split: "validation", images: ["imagesVal", "ValidationImg"], labels: ["labelsVal", "ValidationMask"] },
  { split: "test", images: ["imagesTs", "TestingImg", "TestImg"], labels: ["labelsTs", "TestingMask", "TestMask"] },
];

const NIFTI = /\.nii(\.gz)?$/i;

/** The cases found in a dataset folder, and the files that do not form a case. */
export interface DatasetListing {
  /** Cases in split order (train, validation, test), then by id. */
  cases: DatasetCaseFiles[];
  /** Label files without their image. */
  failures: CaseFailure[];
}

/**
 * Lists the cases of an nnU-Net raw-data folder (`imagesTr/`, `labelsTr/`,
 * `imagesVal/`, `imagesTs/`, optional `labelsVal/`, `labelsTs/`) or of the
 * FLARE21 release (`TrainingImg/`, `TrainingMask/`, `ValidationImg/`, …).
 * Images are `<id>_0000.nii.gz` (nnU-Net's channel suffix; other channels are
 * ignored) or `<id>.nii.gz`; labels are `<id>.nii.gz`. An image without
 * labels is an unlabelled case; labels without their image are reported as
 * failures (`MISSING_PARTNER`).
 *
 * @param dir - The dataset folder.
 * @returns The cases and the orphan label files.
 * @throws `IoError` when `dir` cannot be read.
 * @throws `InvalidArgumentError` when it holds no split folder with NIfTI files.
 * @example
 * ```ts
 * import { findDatasetCases } from "flarekit/node";
 * const { cases } = await findDatasetCases("FLARE21");
 * cases[0]; // { id: "train_000", split: "train", imagePath: "FLARE21/imagesTr/train_000_0000.nii.gz", labelsPath: "FLARE21/labelsTr/train_000.nii.gz" }
 * ```
 */
export async function findDatasetCases(dir: string): Promise<DatasetListing> {
  let top: string[];
  try {
    top = await readdir(dir);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new IoError(dir, `Cannot read dataset folder ${dir}: ${e.code === "ENOENT" ? "no such folder" : e.code === "ENOTDIR" ? "not a folder" : e.message}.`, { cause: err });
  }
  const present = new Set(top);
  const cases: DatasetCaseFiles[] = [];
  const failures: CaseFailure[] = [];
  for (const { split, images, labels } of SPLIT_FOLDERS) {
    const imageDir = images.find((d) => present.has(d));
    const labelDir = labels.find((d) => present.has(d));
    const imageById = new Map<string, string>();
    const labelById = new Map<string, string>();
    if (imageDir) {
      for (const name of await niftiFiles(join(dir, imageDir))) {
        const stem = name.replace(NIFTI, "");
        const channel = /_(\d{4})$/.exec(stem);
        if (channel && channel[1] !== "0000") continue;
        imageById.set(channel ? stem.slice(0, -5) : stem, join(dir, imageDir, name));
      }
    }
    if (labelDir) {
      for (const name of await niftiFiles(join(dir, labelDir))) labelById.set(name.replace(NIFTI, ""), join(dir, labelDir, name));
    }
    for (const id of [...imageById.keys()].sort()) {
      const c: DatasetCaseFiles = { id, split, imagePath: imageById.get(id) as string };
      const l = labelById.get(id);
      if (l !== undefined) c.labelsPath = l;
      cases.push(c);
    }
    for (const id of [...labelById.keys()].sort()) {
      if (imageById.has(id)) continue;
      const path = labelById.get(id) as string;
      failures.push({
        id,
        split,
        paths: [path],
        code: "MISSING_PARTNER",
        message: `Labels file ${path} has no image: expected ${join(dir, imageDir ?? images[0], `${id}_0000.nii.gz`)}. Add the image or remove the labels.`,
      });
    }
  }
  if (cases.length === 0 && failures.length === 0) {
    throw new InvalidArgumentError(
      "dir",
      dir,
      "a dataset folder with imagesTr/ (and labelsTr/, imagesTs/) holding .nii.gz files",
      "Point to the nnU-Net raw dataset folder (for example Dataset001_FLARE) or to the FLARE21 release folder.",
    );
  }
  return { cases, failures };
}

async function niftiFiles(folder: string): Promise<string[]> {
  const info = await stat(folder);
  if (!info.isDirectory()) return [];
  return (await readdir(folder)).filter((n) => NIFTI.test(n) && !n.startsWith("."));
}

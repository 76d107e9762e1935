import { readFileSync } from "node:fs";
import { gunzipSync, gzipSync } from "node:zlib";
import { it, expect } from "vitest";
import { readNifti, readNiftiHeader, isFlarekitError } from "../../src/index.ts";
import { describeShared, sharedPath } from "../helpers/shared.ts";
import { mulberry32 } from "../../src/core/random.ts";

const FILES = [
  "NIFTI-Reader-JS/data/5D_small.nii",
  "nibabel/nibabel/tests/data/standard.nii.gz",
  "niivue/packages/niivue/demos/images/low_res.nii.gz",
  "nibabel/nibabel/tests/data/resampled_anat_moved.nii",
  "nibabel/nibabel/tests/data/row_major.dconn.nii",
  "nibabel/nibabel/tests/data/anatomical.nii",
  "nibabel/nibabel/tests/data/functional.nii",
  "nibabel/nibabel/tests/data/example_nifti2.nii.gz",
  "MONAI/tests/testing_data/anatomical_label.nii.gz",
  "niivue/packages/niivue/demos/images/draw.nii.gz",
  "nibabel/nibabel/tests/data/nifti1.hdr",
  "nibabel/nibabel/tests/data/nifti2.hdr",
  "nibabel/nibabel/tests/data/analyze.hdr",
];

const CASES = 10_000;

describeShared("seeded fuzzing of the real corpus", () => {
  it(`${CASES} mutated or truncated files each read or throw a flarekit error, with bounded allocation`, () => {
    const originals = FILES.map((f) => {
      const raw = new Uint8Array(readFileSync(sharedPath(`nifti/${f}`)));
      const gz = raw[0] === 0x1f && raw[1] === 0x8b;
      return { f, raw, gz, plain: gz ? new Uint8Array(gunzipSync(raw)) : raw };
    });
    const rnd = mulberry32(20261204);
    const pick = (n: number) => Math.floor(rnd() * n);
    const counts = { read: 0, error: 0 };
    const byCode = new Map<string, number>();
    for (let c = 0; c < CASES; c++) {
      const o = originals[pick(originals.length)];
      const kind = pick(6);
      let bytes: Uint8Array;
      if (kind === 0) {
        bytes = o.plain.subarray(0, pick(o.plain.length + 1)); // truncation
      } else if (kind === 1 && o.gz) {
        bytes = o.raw.slice(); // damage the compressed stream
        for (let k = 1 + pick(4); k > 0; k--) bytes[10 + pick(bytes.length - 10)] ^= 1 + pick(255);
      } else if (kind === 2 && o.gz) {
        bytes = o.raw.subarray(0, pick(o.raw.length + 1));
      } else {
        bytes = o.plain.slice(); // damage the header region
        const span = Math.min(bytes.length, 600);
        for (let k = 1 + pick(8); k > 0; k--) {
          const at = pick(span);
          bytes[at] = kind === 3 ? 0xff : kind === 4 ? 0 : pick(256);
        }
        if (c % 7 === 0) bytes = new Uint8Array(gzipSync(bytes, { level: 1 }));
      }
      const plainLength = bytes[0] === 0x1f && bytes[1] === 0x8b ? Math.max(bytes.length * 1032, o.plain.length) : bytes.length;
      try {
        const v = readNifti(bytes);
        counts.read++;
        // A read never holds more than the input justifies (×8 for unpacked 1-bit data).
        expect(v.data.byteLength).toBeLessThanOrEqual(8 * plainLength);
      } catch (err) {
        if (!isFlarekitError(err)) throw new Error(`case ${c} (${o.f}, kind ${kind}): non-flarekit error ${String(err)}`);
        counts.error++;
        byCode.set(err.code, (byCode.get(err.code) ?? 0) + 1);
      }
      try {
        readNiftiHeader(bytes);
      } catch (err) {
        if (!isFlarekitError(err)) throw new Error(`case ${c} (${o.f}) header-only: non-flarekit error ${String(err)}`);
      }
    }
    expect(counts.read + counts.error).toBe(CASES);
    // The mutations must exercise both outcomes and several error kinds.
    expect(counts.read).toBeGreaterThan(100);
    expect(byCode.size).toBeGreaterThanOrEqual(5);
  });
});

/**
 * `flarekit`: the platform-neutral API — the Volume model, NIfTI I/O on bytes,
 * and every capability that needs no file system. Node-only helpers (paths,
 * folders, worker threads, the CLI) are in `flarekit/node`.
 *
 * @example
 * ```ts
 * import { createVolume, writeNifti, readNifti } from "flarekit";
 * const ct = createVolume(new Int16Array(64 * 64 * 8), [64, 64, 8], { spacing: [0.8, 0.8, 2.5] });
 * const back = readNifti(writeNifti(ct, { gzip: true }));
 * String(back); // "Volume<int16> 64×64×8 @ 0.80×0.80×2.50 mm"
 * ```
 * @module
 */
export * from "./core/index.ts";
export * from "./nifti/index.ts";
export * from "./phantom/index.ts";
export * from "./intensity/index.ts";
export * from "./resample/index.ts";
export * from "./components/index.ts";
export * from "./stats/index.ts";
export * from "./metrics/index.ts";

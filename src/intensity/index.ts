// Public API of flarekit/intensity (curated). Populated by the intensity work.
export {};

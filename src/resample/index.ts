// Public API of flarekit/resample (curated). Populated by the resample work.
export {};

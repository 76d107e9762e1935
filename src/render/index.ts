// Public API of flarekit/render (curated). Populated by the render work.
export {};

// Many series (samples/0 ... samples/63) as a compact grid of tiles,
// one frame per series per step on the same slider, with a tile size and a name filter.

import { el, rangeInput } from "./dom.js";

const GRID_FROM = 8; // series in one view from which it becomes a grid
const TILE_SIZES = [48, 64, 96, 128, 192, 256];

export function gridControls(onChange) {
  const state = { on: false, filter: "", tile: 96 };
  const filter = el("input", { type: "search", class: "dvnb-filter", placeholder: "filter series",
    "aria-label": "filter series", title: "show the series whose name contains this",
    "data-lm-suppress-shortcuts": "true" });
  const size = rangeInput("dvnb-tile", "tile size", 0, TILE_SIZES.length - 1, 1,
    TILE_SIZES.indexOf(state.tile));
  const count = el("span", { class: "dvnb-grid-count" });
  filter.addEventListener("keydown", (e) => e.stopPropagation());
  const changed = () => { onChange(); if (api.onSaved) api.onSaved(); };
  filter.addEventListener("input", () => { state.filter = filter.value.trim().toLowerCase(); changed(); });
  size.addEventListener("input", () => { state.tile = TILE_SIZES[Number(size.value)]; changed(); });
  const box = el("div", { class: "dvnb-grid-tools" }, [filter, size, count]);

  // Lay the panels out; returns whether ``name`` is shown (filtered-out panels fetch nothing).
  function apply(panelsBox, seriesCount) {
    state.on = seriesCount >= GRID_FROM;
    box.style.display = state.on ? "" : "none";
    panelsBox.classList.toggle("dvnb-gridded", state.on);
    panelsBox.style.setProperty("--dvnb-tile", `${state.tile}px`);
  }
  const shows = (name) => !state.on || !state.filter || name.toLowerCase().includes(state.filter);
  const counted = (shown, total) => {
    count.textContent = state.on ? `${shown} of ${total} series` : "";
  };
  // Settings remembered in the widget's state (remember.js), put back with their inputs.
  const restore = (saved) => {
    if (typeof saved.filter === "string") { state.filter = saved.filter; filter.value = saved.filter; }
    if (TILE_SIZES.includes(saved.tile)) { state.tile = saved.tile; size.value = TILE_SIZES.indexOf(saved.tile); }
  };
  const api = { box, state, apply, shows, counted, restore, onSaved: null };
  return api;
}

// A tile's image fills the tile's width, pixel-sharp when scaled up.
export function sizeTile(img, tile) {
  img.style.width = `${tile}px`;
  img.classList.remove("dvnb-fit");
  img.classList.toggle("dvnb-pixelated", !!img.naturalWidth && img.naturalWidth < tile);
}

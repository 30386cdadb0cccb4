// The naming rule that turns series into one indexed series with extra axes, as
// dvclive_nb/series.py's index_axes states it (issue 20; napari's dims): series whose
// names have the same segments except for all-digit segments in the same places are one
// group, with an axis per such place ("pred/{0}" over pred/0 ... pred/63). An axis needs
// two values; values that read as the same number ("01" and "1") leave the group's
// series separate. tests/test_index_axes.py checks this against the Python rule.

const INDEX = /^\d+$/;

// Groups among ``names``: [{pattern, axes: [[values...]], names: Map(key -> name),
// of: Map(name -> values)}], sorted by pattern. Names outside any group are left out.
export function indexAxes(names) {
  const groups = new Map();
  for (const name of names) {
    const parts = name.split("/");
    const values = [];
    const pattern = parts.map((p) => (INDEX.test(p) ? `{${values.push(Number(p)) - 1}}` : p)).join("/");
    let g = groups.get(pattern);
    if (!g) { g = []; groups.set(pattern, g); }
    g.push([values, name]);
  }
  const out = [];
  for (const [pattern, members] of groups) {
    const n = members[0][0].length;
    if (!n) continue;
    const axes = [];
    for (let k = 0; k < n; k++) axes.push([...new Set(members.map(([v]) => v[k]))].sort((a, b) => a - b));
    const keys = new Set(members.map(([v]) => v.join(",")));
    if (keys.size < members.length || axes.some((a) => a.length < 2)) continue;
    out.push({ pattern, axes, names: new Map(members.map(([v, name]) => [v.join(","), name])),
      of: new Map(members.map(([v, name]) => [name, v])) });
  }
  return out.sort((a, b) => (a.pattern < b.pattern ? -1 : a.pattern > b.pattern ? 1 : 0));
}

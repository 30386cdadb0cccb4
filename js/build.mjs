// Bundle js/src/main.js into the one ES module that dvclive_nb/view.py hands anywidget.
//
//   npm run build                   write dvclive_nb/static/view.js (commit it)
//   node build.mjs --outfile FILE   write FILE instead (tests/test_bundle.py: is it fresh?)
//
// The output depends only on the sources and the pinned esbuild: paths in its comments
// are relative to this folder, and it is neither minified nor transpiled, so that it
// reads like the sources in a browser's debugger.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const args = process.argv.slice(2);
const at = args.indexOf("--outfile");
const outfile = at >= 0 ? args[at + 1] : "../dvclive_nb/static/view.js";

await build({
  absWorkingDir: here,
  entryPoints: ["src/main.js"],
  outfile,
  bundle: true,
  format: "esm",
  charset: "utf8",
  legalComments: "none",
  logLevel: "warning",
  banner: { js: "// Generated from js/src/ by `npm run build` in js/: edit those, not this file." },
});

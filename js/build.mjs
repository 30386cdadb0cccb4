// Bundle js/src/main.js into the one ES module that dvclive_nb/view.py hands anywidget.
//
//   npm run build                   write dvclive_nb/static/view.js and share.js (commit them)
//   node build.mjs --outfile FILE   write the view's bundle to FILE instead (tests/test_bundle.py:
//                                   is it fresh?); --share-outfile FILE: the share host's
//
// share.js is the host of a shared HTML file (dvclive_nb/_share_page.py): a script of its
// own, not a second copy of the view, which the page embeds beside view.js.
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
const shareAt = args.indexOf("--share-outfile");
const shareOutfile = shareAt >= 0 ? args[shareAt + 1] : "../dvclive_nb/static/share.js";

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

// An IIFE whose one global (`dvclive_nb_share`) the page calls with the view's module.
await build({
  absWorkingDir: here,
  entryPoints: ["src/share.js"],
  outfile: shareOutfile,
  bundle: true,
  format: "iife",
  globalName: "dvclive_nb_share",
  charset: "utf8",
  legalComments: "none",
  logLevel: "warning",
  banner: { js: "// Generated from js/src/share.js by `npm run build` in js/: edit that, not this file." },
});

// Runs the search engine of themes/default/static/search.js in node against a built
// site's /search/ folder, with no browser: the recall test and the benchmark use it.
//
//   node search-node.mjs <search.js> <site output>/search/ <queries.json> [all|page]
//
// queries.json: [{"q": "工会", "section": "", "category": "", "year": ""}, ...]
// Prints one JSON line per query: {q, ids, urls, titles, total, candidates, bytes,
// files, paths} (paths: the files fetched after meta.json).
// "all" checks every candidate (exact result sets); "page" takes the first page of 10
// as the page does, and reports the bytes it downloaded.
import { readFile } from "node:fs/promises";
import vm from "node:vm";

const [script, dir, queriesFile, mode = "all"] = process.argv.slice(2);
vm.runInThisContext(await readFile(script, "utf8"), { filename: script });
const { Engine } = globalThis.GongkaiSearch;
const queries = JSON.parse(await readFile(queriesFile, "utf8"));
const load = async (p) => {
  const b = await readFile(dir + p);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
};
for (const item of queries) {
  // A fresh engine per query: each query as if on a freshly loaded page, meta.json loaded.
  const engine = new Engine(load);
  await engine.meta();
  const before = engine.bytes;
  let files = 0;
  const paths = [];
  const inner = engine.load;
  engine.load = (p) => { files++; paths.push(p); return inner(p); };
  const query = await engine.query(item.q, item);
  const res = await query.take(mode === "all" ? 1e9 : 10, mode === "all");
  console.log(JSON.stringify({
    q: item.q,
    ids: res.results.map((r) => r.id),
    urls: res.results.map((r) => r.doc.u),
    titles: res.results.map((r) => r.doc.t),
    total: res.total,
    candidates: query.cands.length,
    bytes: engine.bytes - before,
    files,
    paths,
  }));
}

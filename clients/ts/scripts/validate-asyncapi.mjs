// Validate an AsyncAPI document with @asyncapi/parser (bundled schemas and Spectral rules; offline).
// Usage: node scripts/validate-asyncapi.mjs ../../asyncapi.yaml   → exit 1 on any error or warning.
import { readFileSync } from "node:fs";
import { DiagnosticSeverity, Parser } from "@asyncapi/parser";

const file = process.argv[2];
const parser = new Parser();
const { document, diagnostics } = await parser.parse(readFileSync(file, "utf8"), { source: file });
const names = ["error", "warning", "info", "hint"];
// The only tolerated info: 3.1.0 exists, but the tool chain is verified on 3.0.0.
const tolerated = new Set(["asyncapi-latest-version"]);
const relevant = diagnostics.filter((d) => d.severity <= DiagnosticSeverity.Information && !tolerated.has(d.code));
for (const d of relevant) console.log(`${names[d.severity]} ${d.code} ${d.path.join(".")}: ${d.message}`);
const failing = relevant.filter((d) => d.severity <= DiagnosticSeverity.Warning);
if (!document || failing.length) {
  console.error(`${file}: INVALID (${failing.length} errors or warnings)`);
  process.exit(1);
}
const ops = document.operations().all().length;
const msgs = document.allMessages().all().length;
console.log(`${file}: valid AsyncAPI ${document.version()} (${ops} operations, ${msgs} messages)`);

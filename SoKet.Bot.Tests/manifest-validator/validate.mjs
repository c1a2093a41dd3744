// Validates a Teams app manifest with Microsoft's @microsoft/app-manifest against the JSON schema that
// the package bundles for the manifest's own version (no network: a missing schema is an error, never
// a download). Usage: node validate.mjs <manifest.json> [--as-version 1.19]
// Prints {"schema": "...", "errors": [...]} and exits 0 when valid, 1 when not, 2 on bad usage.
import { readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const { AppManifestUtils } = require("@microsoft/app-manifest");

const [manifestPath, flag, asVersion] = process.argv.slice(2);
if (!manifestPath || (flag && (flag !== "--as-version" || !asVersion))) {
  console.error("usage: node validate.mjs <manifest.json> [--as-version 1.19]");
  process.exit(2);
}

const manifest = JSON.parse((await readFile(manifestPath, "utf8")).replace(/^\uFEFF/, ""));
if (asVersion) {
  manifest.manifestVersion = asVersion;
  manifest.$schema = `https://developer.microsoft.com/json-schemas/teams/v${asVersion}/MicrosoftTeams.schema.json`;
}

const version = String(manifest.manifestVersion ?? "");
const packageRoot = path.dirname(require.resolve("@microsoft/app-manifest/package.json"));
const schemaPath = path.join(packageRoot, "build", "json-schemas", "teams", `v${version}`, "MicrosoftTeams.schema.json");
if (!existsSync(schemaPath)) {
  console.log(JSON.stringify({ schema: null, errors: [`@microsoft/app-manifest bundles no schema for manifestVersion "${version}"`] }));
  process.exit(1);
}
if (!String(manifest.$schema ?? "").endsWith(`/v${version}/MicrosoftTeams.schema.json`)) {
  console.log(JSON.stringify({ schema: schemaPath, errors: [`$schema does not name version ${version}: ${manifest.$schema}`] }));
  process.exit(1);
}

// The package's own reader first: it type-checks the file against the manifest types it generates.
const errors = [];
try {
  await AppManifestUtils.readTeamsManifest(manifestPath);
} catch (e) {
  errors.push(`readTeamsManifest: ${e.message}`);
}
// The same cleaning of the schema text as the package applies when it loads a bundled schema itself.
const schema = JSON.parse((await readFile(schemaPath, "utf8")).replace(/\\a/g, "\\u0007").replace(/\\v/g, "\\u000b"));
errors.push(...(await AppManifestUtils.validateAgainstSchema(manifest, schema)));
console.log(JSON.stringify({ schema: path.relative(packageRoot, schemaPath), errors }));
process.exit(errors.length === 0 ? 0 : 1);

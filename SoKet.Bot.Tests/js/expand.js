#!/usr/bin/env node
// Expands Adaptive Card templates with Microsoft's adaptivecards-templating, the reference engine
// that SoKet's C# CardTemplateBinder must match, and checks expanded cards with Microsoft's
// adaptivecards renderer library against schema 1.5 (the newest version Teams renders).
//
//   node expand.js <template.json> [<data.json> | -]   print the expanded card (data from a file,
//                                                      or stdin with "-"; no data when omitted);
//                                                      schema problems go to stderr, exit code 1
//   node expand.js --batch                             read [{"template", "data"?, "validate"?}, ...]
//                                                      on stdin, print one result per case:
//                                                      {"result", "validation"?} | {"undefined": true}
//                                                      | {"error": "..."}
//
// A case without "data" binds nothing ($root undefined).
"use strict";

const fs = require("fs");
const { Template } = require("adaptivecards-templating");
// The package's ES module build does not load in Node; its UMD bundle does.
const AC = require("adaptivecards/dist/adaptivecards.js");

function expand(template, data) {
  return new Template(template).expand({ $root: data });
}

// Parse warnings (unknown elements, invalid values, properties newer than 1.5) and validation
// failures (duplicate ids, missing required properties), as "EventName: message".
function validate(card) {
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  const events = [];
  for (let i = 0; i < context.eventCount; i++) {
    events.push(context.getEventAt(i));
  }
  events.push(...parsed.validateProperties().validationEvents);
  return events.map((e) => `${AC.ValidationEvent[e.event]}: ${e.message}`);
}

function readJson(path) {
  return JSON.parse(fs.readFileSync(path === "-" ? 0 : path, "utf8"));
}

function runBatch() {
  return readJson("-").map((c) => {
    try {
      const result = expand(c.template, c.data);
      if (result === undefined) {
        return { undefined: true };
      }
      return c.validate ? { result, validation: validate(result) } : { result };
    } catch (e) {
      return { error: String(e && e.message ? e.message : e) };
    }
  });
}

function main(args) {
  if (args[0] === "--batch") {
    process.stdout.write(JSON.stringify(runBatch()));
    return 0;
  }

  if (args.length < 1 || args.length > 2) {
    process.stderr.write("usage: node expand.js <template.json> [<data.json> | -]\n       node expand.js --batch < cases.json\n");
    return 2;
  }

  const card = expand(readJson(args[0]), args.length === 2 ? readJson(args[1]) : undefined);
  process.stdout.write(JSON.stringify(card, null, 2) + "\n");
  const problems = validate(card);
  problems.forEach((p) => process.stderr.write(p + "\n"));
  return problems.length === 0 ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));

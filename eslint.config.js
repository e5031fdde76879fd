// eslint over the site's scripts, the timer, its minifier and the audit's Lighthouse runner: .ci/run runs it before the tests,
// so a script that does not parse, or reads a name it never defined, stops CI and not a reader.
// Run: node_modules/.bin/eslint
"use strict";

const js = require("@eslint/js");
const globals = require("globals");

// What the recommended rules flag but this project means: an empty catch where a browser may refuse
// storage and the element goes on without it (a comment beside each says so), and a property
// left out of a copy by naming it (`const { paper, ...english } = words`).
const rules = {
  "no-empty": ["error", { allowEmptyCatch: true }],
  "no-unused-vars": ["error", { ignoreRestSiblings: true }],
};

module.exports = [
  // Another project's code, kept as it ships; what scripts/minify-timer writes; installs and builds.
  { ignores: ["docs/javascripts/vendor/", "**/*.min.js", ".venv/", "site/"] },
  {
    files: ["docs/javascripts/*.js", "docs/embed/*.js", "hooks/breath-timer.js"],
    rules: { ...js.configs.recommended.rules, ...rules },
    // Classic scripts in the browser, each loaded by a <script> tag; Material's pages give them
    // `document$`, its observable of each page shown.
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "script",
      globals: { ...globals.browser, document$: "readonly" },
    },
  },
  {
    files: ["benchmarks/*.mjs"],
    rules: { ...js.configs.recommended.rules, ...rules },
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: globals.node },
  },
  {
    files: ["scripts/minify-timer", "eslint.config.js"],
    rules: { ...js.configs.recommended.rules, ...rules },
    languageOptions: { ecmaVersion: 2022, sourceType: "commonjs", globals: globals.node },
  },
];

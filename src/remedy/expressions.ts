// How each language reads an environment variable, and what it needs imported to do so.
import type { Language } from './language.js';

export interface ReadOptions {
  /** The file already reads variables through `import.meta.env` (Vite, Astro, SvelteKit). */
  importMeta?: boolean;
  /** The quote character the expression must not contain (inside a Python f-string, say). */
  avoidQuote?: string;
  /** The file is Deno code (reads `Deno.env`). */
  deno?: boolean;
}

/** Code that reads variable `name` in `language`, or undefined where code cannot read it. */
export function envRead(language: Language, name: string, options: ReadOptions = {}): string | undefined {
  const q = options.avoidQuote === '"' ? "'" : '"';
  switch (language) {
    case 'javascript':
    case 'typescript':
      if (options.deno) return `Deno.env.get("${name}")`;
      return options.importMeta ? `import.meta.env.${name}` : `process.env.${name}`;
    case 'python':
    case 'notebook':
      return `os.environ[${q}${name}${q}]`;
    case 'go':
      return `os.Getenv("${name}")`;
    case 'java':
    case 'kotlin':
    case 'groovy':
      return `System.getenv("${name}")`;
    case 'scala':
      return `sys.env("${name}")`;
    case 'dart':
      return `Platform.environment['${name}']`;
    case 'elixir':
      return `System.fetch_env!("${name}")`;
    case 'erlang':
      return `os:getenv("${name}")`;
    case 'perl':
      return `$ENV{${name}}`;
    case 'lua':
      return `os.getenv("${name}")`;
    case 'r':
      return `Sys.getenv("${name}")`;
    case 'julia':
      return `ENV["${name}"]`;
    case 'c':
      return `getenv("${name}")`;
    case 'clojure':
      return `(System/getenv "${name}")`;
    case 'fsharp':
      return `Environment.GetEnvironmentVariable "${name}"`;
    case 'csharp':
      return `Environment.GetEnvironmentVariable("${name}")`;
    case 'ruby':
      return `ENV.fetch(${q}${name}${q})`;
    case 'php':
      return `getenv('${name}')`;
    case 'rust':
      return `std::env::var("${name}").expect("${name} is not set")`;
    case 'swift':
      return `ProcessInfo.processInfo.environment["${name}"]`;
    case 'shell':
      return `"$${name}"`;
    case 'powershell':
      return `$env:${name}`;
    case 'compose':
    case 'npmrc':
    case 'spring-yaml':
    case 'spring-properties':
      return `\${${name}}`;
    case 'github-actions':
      return `\${{ secrets.${name} }}`;
    case 'terraform':
      return `var.${name.toLowerCase()}`;
    default:
      return undefined;
  }
}

/** The import or using a language needs for `envRead`, when it needs one. */
export function importNeeded(language: Language): string | undefined {
  switch (language) {
    case 'python':
    case 'notebook':
      return 'import os';
    case 'go':
      return 'import "os"';
    case 'csharp':
      return 'using System;';
    case 'dart':
      return "import 'dart:io';";
    case 'c':
      return '#include <stdlib.h>';
    case 'fsharp':
      return 'open System';
    default:
      return undefined;
  }
}

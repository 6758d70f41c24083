// Client components ("use client") must not import server-only modules: Next.js fails the build on the
// first one it meets, and a database module pulled into the browser bundle would ship server code.
// This resolves each import of a client file ("@/" alias or relative) to a file and reads whether that
// file starts with `import "server-only"`. Only direct imports are checked; Next.js's build catches the
// transitive ones. Type-only imports are erased by the compiler and never reach the bundle, so they pass.
import fs from "node:fs";
import path from "node:path";

const EXTENSIONS = [".ts", ".tsx", ".mts", ".js", ".jsx", ".mjs"];
// TypeScript lets an import name the compiled file ("./x.js" for ./x.ts).
const COMPILED_TO_SOURCE = { ".js": [".ts", ".tsx"], ".jsx": [".tsx"], ".mjs": [".mts"] };

/** @type {Map<string, { mtimeMs: number, serverOnly: boolean }>} */
const serverOnlyCache = new Map();

function isFile(file) {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The file an import path names, as TypeScript's "bundler" resolution finds it, or null. */
function resolveImport(target) {
  if (isFile(target)) return target;
  const ext = path.extname(target);
  for (const sourceExt of COMPILED_TO_SOURCE[ext] ?? []) {
    const candidate = target.slice(0, -ext.length) + sourceExt;
    if (isFile(candidate)) return candidate;
  }
  for (const candidate of [...EXTENSIONS.map((e) => target + e), ...EXTENSIONS.map((e) => path.join(target, "index" + e))]) {
    if (isFile(candidate)) return candidate;
  }
  return null;
}

/** Whether the file's first statement, after comments, is `import "server-only"`. */
function startsWithServerOnly(file) {
  const { mtimeMs } = fs.statSync(file);
  const cached = serverOnlyCache.get(file);
  if (cached && cached.mtimeMs === mtimeMs) return cached.serverOnly;
  let text = fs.readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  for (;;) {
    const trimmed = text.replace(/^\s+/, "");
    const rest = trimmed.startsWith("//") ? trimmed.replace(/^\/\/.*/, "") : trimmed.startsWith("/*") ? trimmed.replace(/^\/\*[\s\S]*?\*\//, "") : trimmed;
    if (rest === text) break;
    text = rest;
  }
  const serverOnly = /^import\s*(["'])server-only\1/.test(text);
  serverOnlyCache.set(file, { mtimeMs, serverOnly });
  return serverOnly;
}

function isClientModule(program) {
  for (const statement of program.body) {
    if (statement.type !== "ExpressionStatement" || typeof statement.directive !== "string") return false;
    if (statement.directive === "use client") return true;
  }
  return false;
}

function isTypeOnly(node) {
  if (node.importKind === "type" || node.exportKind === "type") return true;
  const specifiers = node.specifiers ?? [];
  return specifiers.length > 0 && specifiers.every((s) => s.importKind === "type" || s.exportKind === "type");
}

/** @type {import("eslint").Rule.RuleModule} */
const rule = {
  meta: {
    type: "problem",
    docs: { description: 'Forbid client components from importing modules that start with import "server-only", and the database layer' },
    schema: [
      {
        type: "object",
        properties: {
          root: { type: "string", description: 'The folder "@/" stands for' },
          forbidden: {
            type: "array",
            items: { type: "string" },
            description: "Paths from root (folders or files without extension) a client may never import",
          },
        },
        required: ["root"],
        additionalProperties: false,
      },
    ],
    messages: {
      serverOnly:
        '"{{source}}" is server-only (it starts with import "server-only"). Pass its data in as props from a server component, or call a Server Action.',
      forbidden: '"{{source}}" is the database layer, which stays on the server. Pass its data in as props from a server component, or call a Server Action.',
    },
  },
  create(context) {
    const { root, forbidden = [] } = context.options[0];
    if (!isClientModule(context.sourceCode.ast)) return {};
    const dir = path.dirname(context.filename);

    function check(node, sourceNode) {
      if (!sourceNode || sourceNode.type !== "Literal" || typeof sourceNode.value !== "string") return;
      const source = sourceNode.value;
      let target;
      if (source.startsWith("@/")) target = path.join(root, source.slice(2));
      else if (source.startsWith("./") || source.startsWith("../")) target = path.resolve(dir, source);
      else return;
      const resolved = resolveImport(target);
      const named = [target, resolved].filter(Boolean).map((file) => path.relative(root, file).split(path.sep).join("/"));
      const isForbidden = forbidden.some((entry) =>
        named.some((rel) => rel === entry || rel.startsWith(entry + "/") || rel.replace(/\.[^./]+$/, "") === entry),
      );
      if (isForbidden) context.report({ node, messageId: "forbidden", data: { source } });
      else if (resolved && startsWithServerOnly(resolved)) context.report({ node, messageId: "serverOnly", data: { source } });
    }

    return {
      ImportDeclaration(node) {
        if (!isTypeOnly(node)) check(node, node.source);
      },
      ExportNamedDeclaration(node) {
        if (node.source && !isTypeOnly(node)) check(node, node.source);
      },
      ExportAllDeclaration(node) {
        if (!isTypeOnly(node)) check(node, node.source);
      },
      ImportExpression(node) {
        check(node, node.source);
      },
    };
  },
};

export default rule;

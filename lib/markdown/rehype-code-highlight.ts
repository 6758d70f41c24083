// Syntax highlighting for fenced code blocks that name their language, on the server. One
// highlighter for the whole process: building one registers every grammar, which cost more than
// rendering the markdown itself when rehype-highlight built one per rendered text.
import type { Element, Root } from "hast";
import { toText } from "hast-util-to-text";
import { common, createLowlight } from "lowlight";
import { visit } from "unist-util-visit";

const lowlight = createLowlight(common);

function languageOf(code: Element): string | null {
  const classes = code.properties.className;
  const found = Array.isArray(classes) ? classes.map(String).find((name) => name.startsWith("language-")) : undefined;
  return found ? found.slice("language-".length) : null;
}

export function rehypeCodeHighlight() {
  return (tree: Root) => {
    visit(tree, "element", (node, _index, parent) => {
      if (node.tagName !== "code" || parent?.type !== "element" || parent.tagName !== "pre") return;
      const language = languageOf(node);
      if (!language || !lowlight.registered(language)) return;
      const highlighted = lowlight.highlight(language, toText(node, { whitespace: "pre" }));
      node.properties.className = [...(node.properties.className as string[]), "hljs"];
      node.children = highlighted.children as Element["children"];
    });
  };
}

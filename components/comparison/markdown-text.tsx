import Markdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";
import { rehypeCodeHighlight } from "@/lib/markdown/rehype-code-highlight";

// Model and worker text is data, never markup: raw HTML in it shows as text (react-markdown's
// default), unsafe link protocols are dropped, links open apart from the task, and images are
// not loaded (a remote image could track the worker or break the layout) but named. Rendered on
// the server only (code highlighting included), so none of this reaches the worker's browser.
const components: Components = {
  a: ({ href, children }) => (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow ugc">
      {children}
    </a>
  ),
  img: ({ alt, src }) => (
    <span className="rounded bg-slate-100 px-1 text-slate-600">
      [image{alt ? `: ${alt}` : ""}
      {typeof src === "string" && src ? ` (${src})` : ""}]
    </span>
  ),
};

export function MarkdownText({ text, className = "" }: { text: string; className?: string }) {
  return (
    <div className={`inert-text prose prose-slate max-w-none prose-pre:bg-slate-900 ${className}`}>
      <Markdown remarkPlugins={[remarkGfm]} rehypePlugins={[rehypeCodeHighlight]} components={components}>
        {text}
      </Markdown>
    </div>
  );
}

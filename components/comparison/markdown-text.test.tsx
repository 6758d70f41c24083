import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MarkdownText } from "@/components/comparison/markdown-text";

function render(text: string) {
  return renderToStaticMarkup(<MarkdownText text={text} />);
}

describe("MarkdownText", () => {
  it("renders markdown", () => {
    const html = render("**bold** and `code`\n\n- item");
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain("<code>code</code>");
    expect(html).toContain("<li>item</li>");
  });

  it("shows raw HTML as text instead of running it", () => {
    const html = render('<script>alert(1)</script><img src=x onerror="alert(2)"><b onclick="x()">hi</b>');
    expect(html).not.toMatch(/<script|<img|<b[ >]/);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&lt;img src=x onerror=");
  });

  it("drops javascript: links and keeps safe ones apart from the task", () => {
    const html = render("[click](javascript:alert(1)) and [docs](https://example.com/a)");
    expect(html).not.toContain("javascript:");
    expect(html).toContain('href="https://example.com/a" target="_blank" rel="noopener noreferrer nofollow ugc"');
  });

  it("names images instead of loading them", () => {
    const html = render("![tracker](https://evil.example/pixel.png)");
    expect(html).not.toContain("<img");
    expect(html).toContain("[image: tracker (https://evil.example/pixel.png)]");
  });
});

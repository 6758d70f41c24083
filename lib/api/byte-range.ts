/**
 * The one byte range of a Range header ("bytes=100-", "bytes=-500", "bytes=0-99"), null when there
 * is none (or several: the whole file is sent then), "unsatisfiable" when it lies outside the file.
 */
export function byteRange(header: string | null, size: number): { start: number; end: number } | null | "unsatisfiable" {
  const match = header?.match(/^bytes=(\d*)-(\d*)$/);
  if (!match || (match[1] === "" && match[2] === "")) return null;
  let start: number;
  let end: number;
  if (match[1] === "") {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === "" ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  return start > end || start >= size ? "unsatisfiable" : { start, end };
}

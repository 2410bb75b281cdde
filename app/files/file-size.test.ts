import { describe, expect, it } from "vitest";
import { formatFileSize } from "./file-size";

describe("formatFileSize", () => {
  it("shows kilobytes up to a megabyte, at least 1 kB", () => {
    expect(formatFileSize(0)).toBe("1 kB");
    expect(formatFileSize(300)).toBe("1 kB");
    expect(formatFileSize(12 * 1024)).toBe("12 kB");
    expect(formatFileSize(1000 * 1024)).toBe("1000 kB");
  });

  it("shows megabytes with one Italian decimal from a megabyte on", () => {
    expect(formatFileSize(1024 * 1024)).toBe("1 MB");
    expect(formatFileSize(3.44 * 1024 * 1024)).toBe("3,4 MB");
  });
});

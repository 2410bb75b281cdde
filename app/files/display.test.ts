import { describe, expect, it } from "vitest";
import { formatFileSize, isPreviewable } from "./display";

describe("how a stored file is shown", () => {
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

  it("lets the browser show PDFs and images, and download the rest", () => {
    expect(isPreviewable("application/pdf")).toBe(true);
    expect(isPreviewable("image/png")).toBe(true);
    expect(isPreviewable("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { pageWindow } from "~/components/lists";

describe("pageWindow", () => {
  it("shows every page of a short list", () => {
    expect(pageWindow(1, 1)).toEqual([1]);
    expect(pageWindow(3, 7)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it("keeps the first, the last and two on each side of the current page of a long one", () => {
    expect(pageWindow(1, 400)).toEqual([1, 2, 3, null, 400]);
    expect(pageWindow(200, 400)).toEqual([1, null, 198, 199, 200, 201, 202, null, 400]);
    expect(pageWindow(400, 400)).toEqual([1, null, 398, 399, 400]);
  });

  it("shows a single left-out page instead of an ellipsis standing for it", () => {
    expect(pageWindow(5, 10)).toEqual([1, 2, 3, 4, 5, 6, 7, null, 10]);
    expect(pageWindow(4, 10)).toEqual([1, 2, 3, 4, 5, 6, null, 10]);
  });
});

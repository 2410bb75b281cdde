// The fields of the meeting form, as the domain functions take them after validation: a named-list
// plenary, 15:00-17:00 in the council room, unless overridden.
import type { MeetingFields } from "~/domain/meetings.server";

export const meetingFields = (overrides: Partial<MeetingFields> = {}): MeetingFields => ({
  title: "Plenaria di giugno",
  kind: "GOVERNANCE",
  seriesId: null,
  workingGroupId: null,
  day: "2030-06-04",
  startTime: "15:00",
  endTime: "17:00",
  location: "Sala consiliare",
  videoLink: "",
  audience: "NAMED",
  namedIds: [],
  ...overrides,
});

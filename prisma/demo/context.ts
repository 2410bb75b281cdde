// What the demo seed hands each part of the demo data: the ids of what was already created.
export interface DemoContext {
  /** Organisation id by the demo organisation's name (prisma/demo/cinisello.ts) */
  orgIds: Map<string, string>;
  /** User id by e-mail address */
  userIds: Map<string, string>;
  /** Today in Rome (midnight UTC of the calendar day) */
  today: Date;
}

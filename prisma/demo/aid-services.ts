// Demo data: being written.
import type { Db } from "~/db.server";
import type { DemoContext } from "./context";

export async function seedAidServices(_db: Db, _demo: DemoContext) {}

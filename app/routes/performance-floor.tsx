import type { Route } from "./+types/performance-floor";
import { requireUser } from "~/auth/permissions.server";
import { pageTitle } from "~/components/page";

// The benchmark's floor (npm run bench, docs/performance.md): the least a signed-in page costs
// through the same server, middleware, session check, root loader and layout, with no query of
// its own. Each key page is measured against it.
export const meta: Route.MetaFunction = () => pageTitle("Pagina minima");

export function loader(args: Route.LoaderArgs) {
  requireUser(args);
  return null;
}

export default function PerformanceFloor() {
  return (
    <div className="container my-5">
      <h1>Pagina minima</h1>
      <p>Questa pagina serve a misurare le prestazioni di Tavolo: non legge dati e mostra solo l'intestazione e il piè di pagina.</p>
    </div>
  );
}

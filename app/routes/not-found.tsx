// Any path no other route matches: the root ErrorBoundary shows "Pagina non trovata".
export function loader() {
  throw new Response("Pagina non trovata", { status: 404 });
}

export function action() {
  throw new Response("Pagina non trovata", { status: 404 });
}

export default function NotFound() {
  return null;
}

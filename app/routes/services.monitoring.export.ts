// Placeholder: being written.
export function loader() {
  return new Response("Non ancora disponibile", { status: 404 });
}

// Placeholder: being written.
export default function Placeholder() {
  return null;
}

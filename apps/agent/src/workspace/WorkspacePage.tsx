export function WorkspacePage() {
  return <div>WorkspacePage</div>;
}

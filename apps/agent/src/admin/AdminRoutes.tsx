export function AdminRoutes() {
  return <div>AdminRoutes</div>;
}

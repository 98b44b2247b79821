export function AcceptInvitePage() {
  return <div>AcceptInvitePage</div>;
}

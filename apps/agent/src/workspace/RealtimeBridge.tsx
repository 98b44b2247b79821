export function RealtimeBridge() {
  return null;
}

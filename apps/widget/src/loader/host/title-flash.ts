/**
 * While the page is hidden and there are unread replies, the tab title alternates with "(n) New message".
 * A title the page sets meanwhile (single-page apps) becomes the one restored.
 */
export function titleFlash(text: string): (unread: number) => void {
  let unread = 0;
  let timer: ReturnType<typeof setInterval> | 0 = 0;
  let original = '';
  let shown = '';
  const sync = () => {
    const on = document.hidden && unread > 0;
    if (on && !timer) {
      timer = setInterval(() => {
        if (document.title === shown) document.title = original;
        else {
          original = document.title;
          document.title = shown = `(${unread}) ${text}`;
        }
      }, 1000);
    } else if (!on && timer) {
      clearInterval(timer);
      timer = 0;
      if (document.title === shown) document.title = original;
    }
  };
  document.addEventListener('visibilitychange', sync);
  addEventListener('focus', sync);
  return (count) => {
    unread = count;
    sync();
  };
}

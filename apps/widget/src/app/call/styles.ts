/* The call UI's styles, injected when the call chunk loads (app.css is part of the first load's budget). */
export const CALL_CSS = `
.wd-call{background:#0d1117;color:#fff;font-size:13px;flex:none}
.wd-call-bar{display:flex;align-items:center;gap:8px;padding:8px 12px;flex-wrap:wrap}
.wd-call-bar p{margin:0;flex:1;min-width:0}
.wd-call button{border:0;border-radius:16px;padding:6px 12px;background:#30363d;color:#fff}
.wd-call button:hover{background:#484f58}
.wd-call .wd-call-ok{background:#1a7f37}
.wd-call .wd-call-end{background:#cf222e}
.wd-call-stage{position:relative;height:36vh;min-height:150px;max-height:320px;background:#000;overflow:hidden}
.wd-call-stage video{position:absolute;object-fit:contain;background:#000}
.wd-call-main{inset:0;width:100%;height:100%}
.wd-call-pip{right:8px;bottom:8px;width:28%;height:28%;border:1px solid #484f58;border-radius:6px;z-index:2}
.wd-call-mirror{transform:scaleX(-1)}
.wd-call-hidden{visibility:hidden}
.wd-call-avatar{position:absolute;inset:0;display:grid;place-items:center}
.wd-call-avatar span{width:72px;height:72px;border-radius:50%;display:grid;place-items:center;font-size:30px;background:var(--wd-color,#1f6feb)}
.wd-call-top{position:absolute;left:8px;top:8px;display:flex;gap:6px;z-index:3}
.wd-call-top span{background:rgba(0,0,0,.55);border-radius:10px;padding:2px 8px}
.wd-call-rec{color:#ff7b72}
.wd-call-pointer{position:absolute;z-index:4;width:18px;height:18px;margin:-9px 0 0 -9px;border:3px solid #ff7b72;border-radius:50%;box-shadow:0 0 0 3px rgba(255,123,114,.35);pointer-events:none}
.wd-call-notice{padding:6px 12px;background:#9a6700;display:flex;gap:8px;align-items:center}
.wd-call-notice span{flex:1}
.wd-call-controls{display:flex;gap:6px;justify-content:center;flex-wrap:wrap;padding:8px}
.wd-call-controls [aria-pressed=true]{background:#f0f6fc;color:#0d1117}
.wd-call-error{padding:6px 12px;background:#82071e}
.wd-in-call [data-testid^=call-start]{display:none}
`;

export function injectCallStyles(): void {
  if (document.getElementById('wd-call-css')) return;
  const style = document.createElement('style');
  style.id = 'wd-call-css';
  style.textContent = CALL_CSS;
  document.head.appendChild(style);
}

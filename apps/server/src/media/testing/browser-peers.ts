import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';

/*
 * Chromium as the host (fake camera, or a canvas) and as a viewer, driven by string scripts (no transpiled helpers
 * in page.evaluate). Non-trickle like the real client: each side waits for ICE gathering before giving its SDP.
 */

/** A blank page on 127.0.0.1 (a secure context, so getUserMedia works). */
export async function blankPageServer(): Promise<{ url: string; server: Server }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><html><body style="margin:0;background:#000"></body></html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

const GATHER = `function gather(pc){return new Promise(function(r){if(pc.iceGatheringState==='complete')return r();
pc.addEventListener('icegatheringstatechange',function(){if(pc.iceGatheringState==='complete')r()});setTimeout(r,5000)})}`;

/** Starts the fake camera and microphone, returns the complete sendonly offer (window.pc). */
export async function cameraOffer(page: Page): Promise<string> {
  return page.evaluate(`(async function(){${GATHER}
    var s=await navigator.mediaDevices.getUserMedia({video:{width:640,height:360},audio:true});
    var pc=new RTCPeerConnection({iceServers:[]});window.pc=pc;
    s.getTracks().forEach(function(t){pc.addTransceiver(t,{direction:'sendonly',streams:[s]})});
    await pc.setLocalDescription(await pc.createOffer());await gather(pc);return pc.localDescription.sdp})()`);
}

/** A recvonly offer; received media plays in a <video id="v"> (window.pc). */
export async function viewerOffer(page: Page): Promise<string> {
  return page.evaluate(`(async function(){${GATHER}
    var pc=new RTCPeerConnection({iceServers:[]});window.pc=pc;
    pc.addTransceiver('video',{direction:'recvonly'});pc.addTransceiver('audio',{direction:'recvonly'});
    var ms=new MediaStream();var el=document.createElement('video');el.id='v';el.muted=true;el.autoplay=true;
    el.playsInline=true;el.srcObject=ms;document.body.appendChild(el);
    pc.ontrack=function(e){ms.addTrack(e.track);el.play().catch(function(){})};
    await pc.setLocalDescription(await pc.createOffer());await gather(pc);return pc.localDescription.sdp})()`);
}

export async function acceptAnswer(page: Page, answerSdp: string): Promise<void> {
  await page.evaluate(`window.pc.setRemoteDescription({type:'answer',sdp:${JSON.stringify(answerSdp)}})`);
}

export async function framesDecoded(page: Page): Promise<number> {
  return page.evaluate(`(async function(){var r=await window.pc.getStats();var n=0;
    r.forEach(function(s){if(s.type==='inbound-rtp'&&s.kind==='video')n=s.framesDecoded||0});return n})()`);
}

/** Kinds ('audio', 'video') of which the viewer got the sender's reports (what it plays them in sync by). */
export async function senderReportKinds(page: Page): Promise<string[]> {
  return page.evaluate(`(async function(){var r=await window.pc.getStats();var k=[];
    r.forEach(function(s){if(s.type==='remote-outbound-rtp'&&s.reportsSent>0)k.push(s.kind)});return k.sort()})()`);
}

/** The host's outgoing video: bytes sent and the encoder's target bitrate (follows the SFU's REMB). */
export async function sendStats(page: Page): Promise<{ bytesSent: number; targetBitrate: number }> {
  return page.evaluate(`(async function(){var r=await window.pc.getStats();var o={bytesSent:0,targetBitrate:0};
    r.forEach(function(s){if(s.type==='outbound-rtp'&&s.kind==='video'){o.bytesSent=s.bytesSent||0;
    o.targetBitrate=s.targetBitrate||0}});return o})()`);
}

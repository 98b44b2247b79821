/**
 * Page scripts of `npm run bench:live` (strings: page.evaluate gets no transpiled helpers).
 * The publisher paints Date.now() into every frame as 44 black/white 40x40 blocks (11 x 4, top left) over moving
 * noise that keeps the encoder near the cap; viewers read it back from each decoded frame
 * (requestVideoFrameCallback -> canvas -> block centres) and keep `now - painted` (glass to glass, one clock).
 */

const BITS = 44;
const BLOCK = 40;
const COLUMNS = 11;

export const PUBLISH_CANVAS = `(async function(){
  var c=document.createElement('canvas');c.width=640;c.height=360;document.body.appendChild(c);
  var x=c.getContext('2d');
  function paint(){
    for(var i=0;i<60;i++){x.fillStyle='rgb('+(Math.random()*255|0)+','+(Math.random()*255|0)+','+(Math.random()*255|0)+')';
      x.fillRect(Math.random()*600,160+Math.random()*180,20+Math.random()*60,10+Math.random()*30);}
    x.fillStyle='#808080';x.fillRect(0,0,640,160);
    var t=Date.now();
    for(var b=0;b<${BITS};b++){var bit=Math.floor(t/Math.pow(2,b))%2;x.fillStyle=bit?'#ffffff':'#000000';
      x.fillRect((b%${COLUMNS})*${BLOCK},Math.floor(b/${COLUMNS})*${BLOCK},${BLOCK},${BLOCK});}
  }
  paint();setInterval(paint,1000/30);
  var s=c.captureStream(30);
  var pc=new RTCPeerConnection({iceServers:[]});window.pc=pc;
  pc.addTransceiver(s.getVideoTracks()[0],{direction:'sendonly',streams:[s]});
  await pc.setLocalDescription(await pc.createOffer());
  await new Promise(function(r){if(pc.iceGatheringState==='complete')return r();
    pc.addEventListener('icegatheringstatechange',function(){if(pc.iceGatheringState==='complete')r()});setTimeout(r,5000)});
  return pc.localDescription.sdp;
})()`;

/** Starts reading timestamps from the <video id="v"> of a viewer page (see viewerOffer); window.g2g collects. */
export const READ_TIMESTAMPS = `(function(){
  window.g2g=[];var v=document.getElementById('v');var c=document.createElement('canvas');c.width=640;c.height=360;
  var x=c.getContext('2d',{willReadFrequently:true});
  function onFrame(){
    var now=Date.now();
    try{x.drawImage(v,0,0,640,360);
      var d=x.getImageData(0,0,${COLUMNS * BLOCK},${Math.ceil(BITS / COLUMNS) * BLOCK}).data;var w=${COLUMNS * BLOCK};var t=0;
      for(var b=0;b<${BITS};b++){var cx=(b%${COLUMNS})*${BLOCK}+${BLOCK / 2};var cy=Math.floor(b/${COLUMNS})*${BLOCK}+${BLOCK / 2};
        var i=(cy*w+cx)*4;if((d[i]+d[i+1]+d[i+2])/3>128)t+=Math.pow(2,b);}
      var age=now-t;if(age>=0&&age<10000)window.g2g.push(age);}catch(e){}
    v.requestVideoFrameCallback(onFrame);
  }
  v.requestVideoFrameCallback(onFrame);
})()`;

export const TAKE_SAMPLES = '(function(){var s=window.g2g||[];window.g2g=[];return s})()';

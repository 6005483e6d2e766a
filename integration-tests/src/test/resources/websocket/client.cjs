// Drives a Weft WebSocket echo endpoint with Node's `ws` library. Prints one "ok <case>" line per
// case that behaved; any failure exits with a status that is not 0. Usage: node client.cjs ws://host:port/ws
'use strict';
const WebSocket = require('ws');
const assert = require('assert');
const crypto = require('crypto');

const uri = process.argv[2];
const LIMIT = 1024 * 1024;

function open(options) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(uri, { maxPayload: 0, ...options });
    const inbox = [];
    const waiters = [];
    ws.on('message', (data, isBinary) => {
      const m = isBinary ? data : data.toString('utf8');
      const w = waiters.shift();
      if (w) w(m); else inbox.push(m);
    });
    ws.closed = new Promise((res) => ws.on('close', (code) => res(code)));
    ws.on('upgrade', (res) => { ws.agreedExtensions = res.headers['sec-websocket-extensions'] || ''; });
    ws.next = () => (inbox.length ? Promise.resolve(inbox.shift()) : new Promise((res) => waiters.push(res)));
    ws.on('open', () => resolve(ws));
    ws.on('error', reject);
  });
}

function send(ws, data, options) {
  return new Promise((resolve, reject) => ws.send(data, options || {}, (err) => (err ? reject(err) : resolve())));
}

async function main() {
  let ws = await open({ perMessageDeflate: false });
  await send(ws, 'hello from node');
  assert.strictEqual(await ws.next(), 'hello from node');
  await send(ws, Buffer.from([0, 1, 255]));
  assert.deepStrictEqual(await ws.next(), Buffer.from([0, 1, 255]));
  console.log('ok echo');

  await send(ws, 'frag', { fin: false });
  await send(ws, 'men', { fin: false });
  await send(ws, 'ted', { fin: true });
  assert.strictEqual(await ws.next(), 'fragmented');
  console.log('ok fragmented');

  const pong = new Promise((res) => ws.once('pong', res));
  ws.ping(Buffer.from('node-ping'));
  assert.strictEqual((await pong).toString(), 'node-ping');
  console.log('ok ping');

  const big = crypto.randomBytes(LIMIT);
  await send(ws, big);
  assert.ok(big.equals(await ws.next()));
  console.log('ok at-limit');

  ws.close(4001, 'node done');
  assert.strictEqual(await ws.closed, 4001);
  console.log('ok close-code');

  ws = await open({ perMessageDeflate: false });
  await send(ws, Buffer.alloc(LIMIT + 1));
  assert.strictEqual(await ws.closed, 1009);
  console.log('ok over-limit');

  ws = await open({ perMessageDeflate: false });
  // A text frame whose bytes are not UTF-8 (a surrogate): the server must close with 1007.
  await send(ws, Buffer.from([0x61, 0xed, 0xa0, 0x80]), { binary: false });
  assert.strictEqual(await ws.closed, 1007);
  console.log('ok invalid-utf8');

  ws = await open({ perMessageDeflate: { threshold: 0, serverNoContextTakeover: true, clientNoContextTakeover: true } });
  assert.ok(ws.agreedExtensions.includes('permessage-deflate'), ws.agreedExtensions);
  assert.ok(ws.agreedExtensions.includes('server_no_context_takeover'), ws.agreedExtensions);
  assert.strictEqual(ws.extensions, 'permessage-deflate'); // what ws itself turned on
  const text = 'deflate me '.repeat(5000);
  for (let i = 0; i < 3; i++) {
    await send(ws, text);
    assert.strictEqual(await ws.next(), text);
  }
  console.log('ok deflate');
  await send(ws, Buffer.alloc(4 * LIMIT));
  assert.strictEqual(await ws.closed, 1009);
  console.log('ok deflate-bomb');

  ws = await open({ perMessageDeflate: false });
  await send(ws, 'going');
  assert.strictEqual(await ws.next(), 'going');
  ws.terminate(); // no close frame: the socket is destroyed
  console.log('ok abrupt');
}

main().then(() => process.exit(0), (err) => {
  console.error(err);
  process.exit(1);
});

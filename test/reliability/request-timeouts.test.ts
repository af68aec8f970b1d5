// A listening server bounds how long a client may take to send a request: headers (headersTimeoutMs) and
// the whole request (requestTimeoutMs). A body dripped byte by byte, or a connection that sends nothing, is
// answered 408 and closed, and the server goes on answering others. The test waits for the socket to close
// (a condition), never for a duration.
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server.ts';
import { JANE } from '../support/test-app.ts';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Everything the server sent until it closed the connection. */
function untilClosed(socket: Socket): Promise<string> {
  let data = '';
  socket.on('data', (d) => (data += d));
  return new Promise((resolve) => socket.on('close', () => resolve(data)));
}

const opened = (port: number) =>
  new Promise<Socket>((resolve) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
  });

describe('request timeouts', () => {
  it('a body dripped slower than the request timeout is cut with a 408; the server goes on answering', async () => {
    server = await startServer({ dataDir: null, port: 0, headersTimeoutMs: 100, requestTimeoutMs: 300 });
    const socket = await opened(server.port);
    const closed = untilClosed(socket);
    const body = JSON.stringify({ amountCents: 7, billingMethodId: 2, note: 'x'.repeat(40) }).slice(0, 92);
    socket.write(
      [
        'POST /alarm-com/api/billing/payments HTTP/1.1',
        `Host: 127.0.0.1:${server.port}`,
        `Authorization: ${JANE}`,
        'Content-Type: application/json',
        `Content-Length: ${Buffer.byteLength(body)}`,
        '',
        '',
      ].join('\r\n'),
    );
    // One byte at a time, for as long as the connection is open.
    let at = 0;
    const drip = setInterval(() => {
      if (socket.destroyed || at >= body.length) return clearInterval(drip);
      socket.write(body[at++]!);
    }, 25);
    const answer = await closed;
    clearInterval(drip);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    const health = await fetch(`${server.url}/__sim/health`);
    expect(health.status).toBe(200);
  });

  it('a connection that never sends its headers is closed', async () => {
    server = await startServer({ dataDir: null, port: 0, headersTimeoutMs: 100, requestTimeoutMs: 300 });
    const idle = await Promise.all(Array.from({ length: 20 }, () => opened(server!.port)));
    const half = await opened(server.port);
    half.write(`GET /__sim/health HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n`); // never ends its headers
    const answers = await Promise.all([...idle, half].map(untilClosed));
    expect(answers.at(-1)).toMatch(/^HTTP\/1\.1 408/);
    expect((await fetch(`${server.url}/__sim/health`)).status).toBe(200);
  });
});

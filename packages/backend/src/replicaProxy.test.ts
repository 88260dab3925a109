import { ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import net, { AddressInfo } from 'node:net';
import { resolve } from 'node:path';

// scripts/start-replicas.sh puts scripts/lib/replicaProxy.js in front of the
// backend replicas: requests go round robin, a stopped replica is skipped.

const PROXY = resolve(__dirname, '../../../scripts/lib/replicaProxy.js');

function replica(name: string): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    res.setHeader('x-replica', name);
    res.end(`${name} ${req.method} ${req.url}`);
  });
  return new Promise(r => server.listen(0, '127.0.0.1', () => r(server)));
}

const portOf = (server: http.Server) => (server.address() as AddressInfo).port;

async function freePort(): Promise<number> {
  const server = await replica('probe');
  const port = portOf(server);
  await new Promise(r => server.close(r));
  return port;
}

function startProxy(listen: number, ports: number[]): Promise<ChildProcess> {
  const child = spawn(process.execPath, [
    PROXY,
    String(listen),
    ...ports.map(String),
  ]);
  return new Promise((resolveStarted, reject) => {
    child.stderr!.on('data', chunk => {
      if (String(chunk).includes('replica proxy on')) resolveStarted(child);
    });
    child.once('exit', code => reject(new Error(`proxy exited with ${code}`)));
  });
}

describe('replicaProxy', () => {
  const servers: http.Server[] = [];
  let proxy: ChildProcess | undefined;
  afterEach(async () => {
    proxy?.kill();
    await Promise.all(servers.splice(0).map(s => new Promise(r => s.close(r))));
  });

  it('spreads requests round robin and skips a replica that is down', async () => {
    const a = await replica('a');
    const b = await replica('b');
    servers.push(a, b);
    const listen = await freePort();
    proxy = await startProxy(listen, [portOf(a), portOf(b)]);
    const ask = async () => {
      const res = await fetch(`http://127.0.0.1:${listen}/api/x?y=1`);
      return res.text();
    };
    expect([await ask(), await ask(), await ask()]).toEqual([
      'a GET /api/x?y=1',
      'b GET /api/x?y=1',
      'a GET /api/x?y=1',
    ]);

    await new Promise(r => b.close(r));
    servers.splice(servers.indexOf(b), 1);
    expect([await ask(), await ask()]).toEqual([
      'a GET /api/x?y=1',
      'a GET /api/x?y=1',
    ]);

    await new Promise(r => a.close(r));
    servers.splice(servers.indexOf(a), 1);
    const none = await fetch(`http://127.0.0.1:${listen}/api/x`);
    expect(none.status).toBe(503);
    expect((await none.json()).error.name).toBe('ServiceUnavailable');
  });

  it('carries a WebSocket upgrade (the signals socket) both ways', async () => {
    const a = await replica('a');
    servers.push(a);
    let upgraded: { destroy(): void } | undefined;
    a.on('upgrade', (req, socket) => {
      upgraded = socket;
      socket.write(
        `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nX-Path: ${req.url}\r\n\r\n`,
      );
      socket.on('data', chunk => socket.write(`echo:${chunk}`));
    });
    const listen = await freePort();
    proxy = await startProxy(listen, [portOf(a)]);
    const client = net.connect(listen, '127.0.0.1');
    let received = '';
    client.on('data', chunk => {
      received += chunk;
    });
    client.write(
      'GET /api/signals HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n',
    );
    const until = async (text: string) => {
      for (let i = 0; i < 50 && !received.includes(text); i++) {
        await new Promise(r => setTimeout(r, 20));
      }
      expect(received).toContain(text);
    };
    await until('101 Switching Protocols');
    await until('X-Path: /api/signals');
    client.write('hello');
    await until('echo:hello');
    client.destroy();
    upgraded?.destroy();
  });
});

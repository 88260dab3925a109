#!/usr/bin/env node
/*
 * A round-robin load balancer for the portal's backend replicas on loopback:
 * `node replicaProxy.js <listenPort> <replicaPort>...`. Each request and each
 * WebSocket upgrade (the signals socket) goes to the next replica that
 * answers; a replica that refuses the connection is skipped, so stopping one
 * shows the failover. For the demo of replicas only: use your platform's load
 * balancer in production.
 */
const http = require('node:http');
const net = require('node:net');

const [listenPort, ...replicaPorts] = process.argv.slice(2).map(Number);
if (!listenPort || !replicaPorts.length) {
  process.stderr.write(
    'usage: replicaProxy.js <listenPort> <replicaPort>...\n',
  );
  process.exit(2);
}
const HOST = '127.0.0.1';
let next = 0;
const pick = () => replicaPorts[next++ % replicaPorts.length];

/** Tries each replica once, starting with the next in turn. */
function connectToReplica(onConnected, onNone, attempt = 0) {
  if (attempt >= replicaPorts.length) return onNone();
  const port = pick();
  const socket = net.connect(port, HOST);
  socket.once('connect', () => onConnected(socket, port));
  socket.once('error', () => {
    socket.destroy();
    connectToReplica(onConnected, onNone, attempt + 1);
  });
}

const server = http.createServer((req, res) => {
  connectToReplica(
    (socket, port) => {
      const upstream = http.request(
        {
          host: HOST,
          port,
          method: req.method,
          path: req.url,
          headers: {
            ...req.headers,
            'x-forwarded-for': req.socket.remoteAddress,
          },
          createConnection: () => socket,
        },
        answer => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.once('error', () => {
        if (!res.headersSent) res.writeHead(502);
        res.end();
      });
      req.pipe(upstream);
    },
    () => {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          error: {
            name: 'ServiceUnavailable',
            message: 'No backend replica answers',
          },
        }),
      );
    },
  );
});

server.on('upgrade', (req, client, head) => {
  connectToReplica(
    socket => {
      const headers = Object.entries(req.headers)
        .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : v}`)
        .join('\r\n');
      socket.write(`${req.method} ${req.url} HTTP/1.1\r\n${headers}\r\n\r\n`);
      if (head?.length) socket.write(head);
      socket.pipe(client).pipe(socket);
      const close = () => {
        socket.destroy();
        client.destroy();
      };
      socket.once('error', close);
      client.once('error', close);
    },
    () => client.destroy(),
  );
});

server.listen(listenPort, HOST, () => {
  process.stderr.write(
    `replica proxy on http://${HOST}:${listenPort} -> ${replicaPorts
      .map(p => `:${p}`)
      .join(', ')}\n`,
  );
});

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sandboxControl } from './testUtils';

/* The bin as a newcomer runs it: a port of its own, a state file written on SIGTERM. */

describe('bin/aws-sandbox', () => {
  it('listens, answers, and saves its state on SIGTERM', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aws-sandbox-cli-'));
    const statePath = path.join(dir, 'state.json');
    const child = spawn(
      process.execPath,
      [
        path.resolve(__dirname, '../bin/aws-sandbox'),
        '--port',
        '0',
        '--speed',
        '60',
        '--state',
        statePath,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      const printed = await new Promise<{ url: string; controlToken: string }>(
        (resolve, reject) => {
          let out = '';
          child.stdout.on('data', chunk => {
            out += chunk;
            const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
            const token = /control API token[^:]*: (\S+)\n/.exec(out);
            if (url && token) resolve({ url: url[1], controlToken: token[1] });
          });
          child.once('exit', code => reject(new Error(`exited with ${code}`)));
        },
      );
      expect((await fetch(`${printed.url}/_sandbox/health`)).status).toBe(401);
      expect(await sandboxControl(printed).health()).toMatchObject({
        status: 'ok',
        speed: 60,
      });

      const exited = new Promise(resolve => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(JSON.parse(fs.readFileSync(statePath, 'utf8')).version).toBe(2);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

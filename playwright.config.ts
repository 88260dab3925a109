import { defineConfig, devices } from '@playwright/test';

/**
 * Browser tests run in Debian's Chromium (`/usr/bin/chromium`, installed by
 * scripts/test.sh), so no Playwright browser download is needed. The portal is
 * started by Playwright unless one is already running outside CI.
 */
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export default defineConfig({
  testDir: 'packages/app/e2e-tests',
  timeout: 90_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'e2e-test-report' }],
  ],
  // screenshots and traces, one folder per test (git-ignored)
  outputDir: 'e2e-test-results',
  // `yarn start` serves the app on :3000 and the backend on :7007; the global
  // setup waits for the backend too, since Playwright watches one URL per server.
  webServer: {
    // a fresh sandbox for each run: the tests act on the demo fleet
    command:
      'rm -rf .data/test && yarn start --config ../../app-config.yaml --config ../../app-config.e2e.yaml',
    url: 'http://localhost:3000',
    reuseExistingServer: !process.env.CI,
    timeout: 300_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
  globalSetup: './packages/app/e2e-tests/waitForBackend.ts',
  use: {
    baseURL: process.env.PLAYWRIGHT_URL ?? 'http://localhost:3000',
    screenshot: 'on',
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: chromiumArgs,
        },
      },
    },
  ],
});

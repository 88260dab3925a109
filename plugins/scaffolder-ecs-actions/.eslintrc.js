module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    // The CDK synth tests assert through aws-cdk-lib/assertions.
    'jest/expect-expect': [
      'error',
      {
        assertFunctionNames: [
          'expect',
          '*.hasResourceProperties',
          '*.resourceCountIs',
        ],
      },
    ],
  },
});

import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The tests share a small machine with other builds, and a Material UI table
// with its dialogs renders slowly under load: wait longer than the defaults
// before calling a test or a query failed. This is patience, not a timing
// assertion; passing tests are as fast as before.
configure({ asyncUtilTimeout: 5000 });
jest.setTimeout(30_000);

import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The CI machines are shared and slow: give async queries time.
configure({ asyncUtilTimeout: 5000 });
jest.setTimeout(30_000);

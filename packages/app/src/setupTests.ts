import '@testing-library/jest-dom';

// Fails a test that logs through console.error (see the file for how to opt in).
import '@fleet-resilience/test-support/failOnConsoleError';

// MUI v4 calls findDOMNode on DOM nodes; see the file for why and what still fails.
import '@fleet-resilience/test-support/findDomNodeWithoutNotice';

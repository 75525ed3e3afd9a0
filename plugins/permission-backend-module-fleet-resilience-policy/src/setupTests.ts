// Fails a test that logs through console.error (see the file for how to opt in).
import '@fleet-resilience/test-support/failOnConsoleError';

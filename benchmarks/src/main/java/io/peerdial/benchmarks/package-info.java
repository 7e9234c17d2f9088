/** JMH benchmarks and loopback load generators; every figure they produce is recorded in docs/PERFORMANCE.md with its command. */
package io.peerdial.benchmarks;

/** Fakes shared by every module's tests: virtual clock, recording transport, in-memory multi-node network driving any sans-IO core. */
package io.peerdial.testkit;

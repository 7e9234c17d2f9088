/** Drives the location layer on the real UDP runtime (wall clock, a timer thread). */
package io.peerdial.location.runtime;

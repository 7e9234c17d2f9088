/** The peerdial daemon and CLI: runs the overlay with the real runtime and serves SIP phones (SIP arrives with issue #4). */
package io.peerdial.node;

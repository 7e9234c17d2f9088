/** Signed user-to-contact bindings stored in the DHT in place of a SIP registrar (RFC 3261 §10 replaced; storage rules after RELOAD, RFC 6940 §7). */
package io.peerdial.location;

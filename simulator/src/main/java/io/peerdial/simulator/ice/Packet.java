package io.peerdial.simulator.ice;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The packets of the connectivity model, as immutable records (never encoded: the model counts and
 * routes packets, it does not parse bytes). Names follow the STUN/TURN methods they stand for.
 */
public sealed interface Packet {

    /** RFC 8489 Binding request; {@code check} marks an ICE connectivity check carrying PRIORITY (RFC 8445 §7.1.1). */
    record Binding(long tx, boolean check, long priority) implements Packet {}

    /** Binding success response with XOR-MAPPED-ADDRESS: the source the responder saw. */
    record BindingOk(long tx, InetSocketAddress mapped) implements Packet {}

    /** RFC 8656 §7.1 Allocate request (over the transport it arrives on). */
    record Allocate(long tx) implements Packet {}

    /** Allocate success: XOR-RELAYED-ADDRESS and XOR-MAPPED-ADDRESS. */
    record AllocateOk(long tx, InetSocketAddress relayed, InetSocketAddress mapped) implements Packet {}

    /** RFC 8656 §9 CreatePermission for several peer addresses (ports are ignored, §9.1). */
    record Permit(long tx, List<InetAddress> peers) implements Packet {}

    record PermitOk(long tx) implements Packet {}

    /** RFC 8656 §7.2 Refresh with lifetime 0: the allocation goes. */
    record Release() implements Packet {}

    /** RFC 8656 §11 Send indication: client asks the relay to send {@code data} to {@code peer}. */
    record Send(InetSocketAddress peer, Packet data) implements Packet {}

    /** RFC 8656 §11 Data indication: the relay hands the client {@code data} received from {@code peer}. */
    record Data(InetSocketAddress peer, Packet data) implements Packet {}
}

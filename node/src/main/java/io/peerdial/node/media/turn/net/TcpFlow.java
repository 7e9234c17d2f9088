package io.peerdial.node.media.turn.net;

import io.peerdial.node.media.turn.AllocationMeter;
import io.peerdial.node.media.turn.RetransmissionFilter;
import io.peerdial.node.media.turn.StreamDeframer;
import io.peerdial.node.media.turn.TapParseException;
import io.peerdial.node.media.turn.TurnFraming;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * A flow to a server over one TCP connection (RFC 8656 §3.1): datagrams from ice4j become stream
 * frames (ChannelData padded to 4, §12.5), stream frames become datagrams again (padding stripped).
 * A request ice4j retransmits (it speaks UDP to the tap) goes out once (RFC 8489 §6.2.2).
 * Frames go out whole or not at all, so the stream stays framed: a datagram that does not fit its own
 * length fields, or one that would pass {@value TurnTap#MAX_QUEUED_BYTES} queued bytes, is dropped.
 * Received bytes that lose the framing close the connection (there is no way to find the next frame),
 * and the server frees the allocation with it.
 */
final class TcpFlow extends Flow {
    private final SocketChannel channel;
    private final SelectionKey key;
    private final StreamDeframer deframer = new StreamDeframer();
    private final RetransmissionFilter retransmissions = new RetransmissionFilter();
    private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
    private long queued;
    private boolean connected;

    TcpFlow(TurnTap.Entrance entrance, SocketAddress client, AllocationMeter meter) throws IOException {
        super(entrance, client, meter);
        channel = SocketChannel.open();
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true); // media: no Nagle delay
            connected = channel.connect(entrance.target.server());
            key = channel.register(entrance.tap.selector(), connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, this);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    void toServer(byte[] b, int offset, int length) {
        if (retransmissions.isRetransmission(b, offset, length)) {
            return; // RFC 8489 §6.2.2: over TCP a request goes once
        }
        int frame;
        try {
            frame = TurnFraming.streamLengthOfDatagram(b, offset, length);
        } catch (TapParseException e) {
            entrance.tap.countDrop(); // written into the stream it would break every later frame
            return;
        }
        // padding (RFC 8656 §12.5) is zeros past a ChannelData payload; a copy only when the datagram lacks it
        ByteBuffer out = frame <= length ? ByteBuffer.wrap(b, offset, frame) : ByteBuffer.wrap(Arrays.copyOfRange(b, offset, offset + frame));
        boolean partlyWritten = false;
        if (connected && queue.isEmpty()) {
            try {
                partlyWritten = channel.write(out) > 0;
            } catch (IOException e) {
                close();
                return;
            }
            if (!out.hasRemaining()) {
                return;
            }
        }
        enqueue(out, partlyWritten);
    }

    private void enqueue(ByteBuffer rest, boolean partlyWritten) {
        if (queued + rest.remaining() > TurnTap.MAX_QUEUED_BYTES) {
            if (!partlyWritten) {
                entrance.tap.countDrop(); // nothing of it written yet: drop it whole
                return;
            }
            // part of the frame is in the stream already: the rest must follow, the bound is exceeded by < one frame
        }
        ByteBuffer copy = ByteBuffer.allocate(rest.remaining()).put(rest).flip(); // rest may alias the receive buffer
        queued += copy.remaining();
        queue.add(copy);
        if (connected) {
            key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        }
    }

    @Override
    void ready(SelectionKey k) throws IOException {
        try {
            if (k.isConnectable()) {
                channel.finishConnect();
                connected = true;
                k.interestOps(SelectionKey.OP_READ | (queue.isEmpty() ? 0 : SelectionKey.OP_WRITE));
            }
            if (k.isValid() && k.isWritable()) {
                flush();
            }
            if (k.isValid() && k.isReadable()) {
                read();
            }
        } catch (IOException e) {
            close();
            throw e;
        } catch (TapParseException e) {
            meter.countUnframed(e.reason());
            close();
        }
    }

    private void flush() throws IOException {
        while (!queue.isEmpty()) {
            ByteBuffer head = queue.peek();
            int n = channel.write(head);
            queued -= n;
            if (head.hasRemaining()) {
                return; // the socket is full: OP_WRITE stays on
            }
            queue.poll();
        }
        key.interestOps(SelectionKey.OP_READ);
    }

    private void read() throws IOException, TapParseException {
        ByteBuffer b = entrance.tap.buffer;
        b.clear();
        int n = channel.read(b);
        if (n < 0) {
            close(); // the server closed: the allocation is gone with the connection (RFC 8656 §3.1)
            return;
        }
        int fed = 0;
        while (fed < n) {
            fed += deframer.feed(b.array(), fed, n - fed);
            while (deframer.next()) {
                byte[] a = deframer.array();
                int length = TurnFraming.datagramLength(a, deframer.frameOffset(), deframer.frameLength());
                meter.fromServer(a, deframer.frameOffset(), length);
                entrance.toClient(client, a, deframer.frameOffset(), length);
            }
        }
    }

    @Override
    SelectableChannel channel() {
        return channel;
    }
}

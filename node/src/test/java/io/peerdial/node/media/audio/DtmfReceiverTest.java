package io.peerdial.node.media.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** RFC 4733 §2.5.2 receiver: each key press exactly once, in order, whatever the network does. */
class DtmfReceiverTest {

    private static List<DtmfPacket> sent(String digits, long start, int clockRate) {
        DtmfSender sender = new DtmfSender(clockRate);
        sender.send(digits);
        List<DtmfPacket> packets = new ArrayList<>();
        int step = clockRate / 50;
        for (int i = 0; sender.isActive(); i++) {
            sender.tick((start + (long) i * step) & 0xFFFF_FFFFL).ifPresent(packets::add);
        }
        return packets;
    }

    private static String receive(List<DtmfPacket> packets) throws TelephoneEventException {
        DtmfReceiver receiver = new DtmfReceiver();
        StringBuilder live = new StringBuilder();
        for (DtmfPacket p : packets) {
            receiver.receive(p.rtpTimestamp(), p.payload()).ifPresent(live::append);
        }
        assertThat(receiver.digits()).isEqualTo(live.toString());
        return live.toString();
    }

    @Test
    void senderToReceiverInOrder() throws TelephoneEventException {
        assertThat(receive(sent("12#", 0, 8000))).isEqualTo("12#");
        assertThat(receive(sent("0123456789*#ABCD", 5, 48_000))).isEqualTo("0123456789*#ABCD");
    }

    @Test
    void repeatedDigitsAreSeparateEvents() throws TelephoneEventException {
        assertThat(receive(sent("1111", 0, 8000))).isEqualTo("1111");
    }

    @Test
    void duplicatesAndReorderingWithinEventsAndLostStarts() throws TelephoneEventException {
        SplittableRandom random = new SplittableRandom(42);
        for (int run = 0; run < 50; run++) {
            List<DtmfPacket> packets = sent("9*7", random.nextLong(0, 1L << 32), 8000);
            List<DtmfPacket> network = new ArrayList<>();
            for (int i = 0; i < packets.size(); i++) {
                DtmfPacket p = packets.get(i);
                if (p.marker() && random.nextBoolean()) {
                    continue; // the first packet of the event is lost
                }
                network.add(p);
                if (random.nextInt(4) == 0) {
                    network.add(p); // duplicated by the network
                }
            }
            // shuffle inside each event: reordering by up to 140 ms, never past the next event
            List<DtmfPacket> shuffled = new ArrayList<>();
            int from = 0;
            for (int i = 1; i <= network.size(); i++) {
                if (i == network.size() || network.get(i).rtpTimestamp() != network.get(from).rtpTimestamp()) {
                    List<DtmfPacket> event = new ArrayList<>(network.subList(from, i));
                    Collections.shuffle(event, new java.util.Random(random.nextLong()));
                    shuffled.addAll(event);
                    from = i;
                }
            }
            assertThat(receive(shuffled)).as("run %d", run).isEqualTo("9*7");
        }
    }

    @Test
    void packetsOfAnOlderEventAreStale() throws TelephoneEventException {
        List<DtmfPacket> packets = sent("12", 0, 8000);
        DtmfReceiver receiver = new DtmfReceiver();
        DtmfPacket firstOfTwo = packets.get(7);
        assertThat(receiver.receive(firstOfTwo.rtpTimestamp(), firstOfTwo.payload())).contains('2');
        DtmfPacket lateOne = packets.get(6);
        assertThat(receiver.receive(lateOne.rtpTimestamp(), lateOne.payload())).isEmpty();
        assertThat(receiver.stalePackets()).isEqualTo(1);
        assertThat(receiver.takeDigits()).isEqualTo("2");
        assertThat(receiver.digits()).isEmpty();
    }

    @Test
    void longEventSegmentsContinueOneDigit() throws TelephoneEventException {
        // RFC 4733 §2.5.1.5: at the duration limit the sender starts a new segment at ts + duration
        DtmfReceiver receiver = new DtmfReceiver();
        assertThat(receiver.receive(1000, TelephoneEventCodec.encode(new TelephoneEvent(4, false, 10, 65535)))).contains('4');
        assertThat(receiver.receive(1000 + 65535, TelephoneEventCodec.encode(new TelephoneEvent(4, false, 10, 160)))).isEmpty();
        assertThat(receiver.receive(1000 + 65535, TelephoneEventCodec.encode(new TelephoneEvent(4, true, 10, 800)))).isEmpty();
        assertThat(receiver.receive(1000 + 65535 + 2000, TelephoneEventCodec.encode(new TelephoneEvent(4, false, 10, 160)))).contains('4');
        assertThat(receiver.digits()).isEqualTo("44");
    }

    @Test
    void nonDtmfEventsGiveNoDigitAndBadPayloadsAreTyped() throws TelephoneEventException {
        DtmfReceiver receiver = new DtmfReceiver();
        assertThat(receiver.receive(0, TelephoneEventCodec.encode(new TelephoneEvent(16, true, 0, 800)))).isEqualTo(Optional.empty());
        assertThatThrownBy(() -> receiver.receive(160, new byte[3])).isInstanceOf(TelephoneEventException.class);
        assertThat(receiver.digits()).isEmpty();
        assertThat(receiver.packets()).isEqualTo(1);
    }
}

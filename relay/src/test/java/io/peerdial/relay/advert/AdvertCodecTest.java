package io.peerdial.relay.advert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerdial.location.entry.OwnerKey;
import io.peerdial.overlay.identity.NodeKeyPair;
import io.peerdial.relay.receipt.Keys;
import io.peerdial.relay.wire.RelayWireException;
import io.peerdial.relay.wire.RelayWireException.Reason;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class AdvertCodecTest {
    static final HexFormat HEX = HexFormat.of();
    final NodeKeyPair relay = Keys.fixed(2);

    RelayAdvert advert(String ip) {
        return new RelayAdvert(OwnerKey.of(relay), new InetSocketAddress(ip, 3478), true, 42, 2_500_000, 125, "eu", 1_700_000_000_000L);
    }

    @Test
    void ipv4VectorBothWays() throws Exception {
        SignedAdvert s = AdvertCodec.sign(advert("192.0.2.1"), relay);
        String body = "01" + HEX.formatHex(relay.publicKey()) + "04" + "c0000201" + "0d96" + "01" + "0000002a"
                + "00000000002625a0" + "007d" + "02" + "6575" + "0000018bcfe56800";
        byte[] encoded = AdvertCodec.encode(s);
        assertThat(HEX.formatHex(encoded)).isEqualTo(body + HEX.formatHex(s.signature()));
        assertThat(AdvertCodec.decode(HEX.parseHex(body + HEX.formatHex(s.signature())))).isEqualTo(s);
    }

    @Test
    void ipv6RoundTripAndTheLongestAdvertFitsAMapValue() throws Exception {
        SignedAdvert s = AdvertCodec.sign(advert("2001:db8::1"), relay);
        assertThat(AdvertCodec.decode(AdvertCodec.encode(s))).isEqualTo(s);
        RelayAdvert longest = new RelayAdvert(OwnerKey.of(relay), new InetSocketAddress("2001:db8::1", 3478), true, 1, 1, 0,
                "r".repeat(AdvertCodec.MAX_REGION), 1);
        assertThat(AdvertCodec.encode(AdvertCodec.sign(longest, relay))).hasSize(AdvertCodec.MAX_LENGTH);
        assertThat(AdvertCodec.MAX_LENGTH).isLessThanOrEqualTo(io.peerdial.location.map.DhtMap.MAX_VALUE_BYTES);
    }

    @Test
    void badInputHasItsReason() {
        byte[] good = AdvertCodec.encode(AdvertCodec.sign(advert("192.0.2.1"), relay));
        assertReason(Arrays.copyOf(good, 40), Reason.TRUNCATED);
        byte[] family = good.clone();
        family[33] = 5;
        assertReason(family, Reason.BAD_FIELD);
        byte[] load = good.clone();
        load[33 + 7 + 1 + 4 + 8] = 0x10; // load 0x107d > 1000
        assertReason(load, Reason.BAD_FIELD);
        byte[] flags = good.clone();
        flags[33 + 7] = 3;
        assertReason(flags, Reason.BAD_FIELD);
        byte[] capacity = good.clone();
        capacity[33 + 7 + 1 + 3] = 99; // more sessions left than signed
        assertReason(capacity, Reason.BAD_SIGNATURE);
        byte[] mapped = AdvertCodec.encode(AdvertCodec.sign(advert("2001:db8::1"), relay));
        System.arraycopy(HEX.parseHex("00000000000000000000ffffc0000201"), 0, mapped, 34, 16); // ::ffff:192.0.2.1
        assertReason(mapped, Reason.BAD_FIELD);
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        assertReason(longer, Reason.TRAILING_BYTES);
    }

    static void assertReason(byte[] in, Reason reason) {
        assertThatThrownBy(() -> AdvertCodec.decode(in)).isInstanceOfSatisfying(RelayWireException.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }
}

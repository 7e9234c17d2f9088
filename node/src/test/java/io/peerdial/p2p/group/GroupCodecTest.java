package io.peerdial.p2p.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.wire.Contact;
import io.peerdial.p2p.base.WireFormatException;
import io.peerdial.p2p.base.WireFormatException.Reason;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Group datagrams and member entries, both ways, and every refusal. */
class GroupCodecTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final String G = "1111111111111111111111111111111111111111";
    private static final String O = "2222222222222222222222222222222222222222";
    private static final String L = "3333333333333333333333333333333333333333";
    private static final String ALL_WITH_LIMIT = "01" + "00" + "01" + G + O + "0102030405060708" + L + "6869";
    private static final String ANY = "01" + "01" + "00" + G + O + "ffffffffffffffff";
    private static final GroupDatagram ALL_DATAGRAM = new GroupDatagram(GroupDatagram.Kind.ALL, NodeId.fromHex(G), NodeId.fromHex(O),
            0x0102030405060708L, NodeId.fromHex(L), new byte[] {'h', 'i'});
    private static final GroupDatagram ANY_DATAGRAM = new GroupDatagram(GroupDatagram.Kind.ANY, NodeId.fromHex(G), NodeId.fromHex(O),
            -1, null, new byte[0]);
    private static final String MEMBER_V4 = "01" + O + "04" + "7f000001" + "1f90";

    @Test
    void encodesAndDecodesTheDatagramVectors() throws Exception {
        assertThat(HEX.formatHex(GroupCodec.encode(ALL_DATAGRAM))).isEqualTo(ALL_WITH_LIMIT);
        assertThat(HEX.formatHex(GroupCodec.encode(ANY_DATAGRAM))).isEqualTo(ANY);
        assertThat(GroupCodec.decode(HEX.parseHex(ALL_WITH_LIMIT))).isEqualTo(ALL_DATAGRAM);
        assertThat(GroupCodec.decode(HEX.parseHex(ANY))).isEqualTo(ANY_DATAGRAM);
    }

    @Test
    void refusesBadDatagrams() {
        assertThat(reason(ANY.substring(0, ANY.length() - 2))).isEqualTo(Reason.TOO_SHORT);
        assertThat(reason("02" + ANY.substring(2))).isEqualTo(Reason.BAD_VERSION);
        assertThat(reason("0102" + ANY.substring(4))).isEqualTo(Reason.BAD_KIND);
        assertThat(reason("010002" + ANY.substring(6))).isEqualTo(Reason.BAD_FLAGS);
        assertThat(reason("010101" + ANY.substring(6) + L)).isEqualTo(Reason.BAD_FLAGS); // ANY with a limit
        assertThat(reason("010001" + ANY.substring(6))).isEqualTo(Reason.TOO_SHORT); // limit announced, missing
        assertThat(catchThrowableOfType(() -> GroupCodec.decode(new byte[GroupCodec.MAX_BYTES + 1]), WireFormatException.class).reason())
                .isEqualTo(Reason.TOO_LONG);
    }

    @Test
    void encodesAndDecodesMemberVectors() throws Exception {
        Member v4 = new Member(new Contact(NodeId.fromHex(O), new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 8080)));
        Member v6 = new Member(new Contact(NodeId.fromHex(O), new InetSocketAddress(InetAddress.getByName("::1"), 1)));
        String v6Hex = "01" + O + "06" + "00000000000000000000000000000001" + "0001";

        assertThat(HEX.formatHex(MemberCodec.encode(v4))).isEqualTo(MEMBER_V4);
        assertThat(HEX.formatHex(MemberCodec.encode(v6))).isEqualTo(v6Hex);
        assertThat(MemberCodec.decode(HEX.parseHex(MEMBER_V4))).isEqualTo(v4);
        assertThat(MemberCodec.decode(HEX.parseHex(v6Hex))).isEqualTo(v6);
    }

    @Test
    void refusesBadMembers() {
        assertThat(memberReason(MEMBER_V4.substring(0, 20))).isEqualTo(Reason.TOO_SHORT);
        assertThat(memberReason("02" + MEMBER_V4.substring(2))).isEqualTo(Reason.BAD_VERSION);
        assertThat(memberReason("01" + O + "05" + "7f0000011f90")).isEqualTo(Reason.BAD_ADDRESS);
        assertThat(memberReason("01" + O + "04" + "7f00000100")).isEqualTo(Reason.TOO_SHORT);
        assertThat(memberReason(MEMBER_V4 + "00")).isEqualTo(Reason.TOO_LONG);
        assertThat(memberReason("01" + O + "04" + "7f000001" + "0000")).isEqualTo(Reason.BAD_PORT);
        assertThat(memberReason(MEMBER_V4 + "00".repeat(20))).isEqualTo(Reason.TOO_LONG);
    }

    private static Reason reason(String hex) {
        return catchThrowableOfType(() -> GroupCodec.decode(HEX.parseHex(hex)), WireFormatException.class).reason();
    }

    private static Reason memberReason(String hex) {
        return catchThrowableOfType(() -> MemberCodec.decode(HEX.parseHex(hex)), WireFormatException.class).reason();
    }
}

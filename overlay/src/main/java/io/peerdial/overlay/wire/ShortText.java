package io.peerdial.overlay.wire;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The "short text" field: a length byte and at most 255 bytes of well-formed UTF-8 (RFC 3629 §3)
 * (docs/PROTOCOL.md). Both directions are strict: a Java string with an unpaired surrogate is
 * refused on our side (it would silently become '?'), malformed UTF-8 from a peer is refused on theirs.
 */
final class ShortText {

    static final int MAX_BYTES = 0xFF;

    private ShortText() {}

    /** The UTF-8 bytes of {@code text}; API misuse (IllegalArgumentException) if not encodable in 255 bytes. */
    static byte[] utf8(String text, String field) {
        ByteBuffer encoded;
        try {
            encoded = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(text));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(field + " is not valid Unicode (unpaired surrogate?)", e);
        }
        if (encoded.remaining() > MAX_BYTES) {
            throw new IllegalArgumentException(field + " is " + encoded.remaining()
                    + " bytes of UTF-8, at most " + MAX_BYTES + " fit on the wire");
        }
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        return bytes;
    }

    /** Decodes peer bytes; malformed UTF-8 is the peer's fault. */
    static String decode(byte[] bytes, int offset, int length) throws WireException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new WireException(WireException.Reason.BAD_FIELD, "text is not well-formed UTF-8");
        }
    }
}

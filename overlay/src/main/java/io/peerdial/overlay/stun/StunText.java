package io.peerdial.overlay.stun;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** UTF-8 text values and their limits (RFC 8489 §14.3, §14.8-14.10, §14.14). */
final class StunText {
    /** "fewer than 128 characters" (REALM, NONCE, SOFTWARE, reason phrase). */
    static final int MAX_CHARACTERS = 127;
    /** "as long as 763 bytes when decoding them". */
    static final int MAX_TEXT_BYTES = 763;
    /** USERNAME: RFC 8489 says fewer than 509 bytes; RFC 5389 allowed fewer than 513, so accept that. */
    static final int MAX_USERNAME_BYTES = 512;

    private StunText() {}

    static String decode(byte[] value) throws StunException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new StunException(StunException.Reason.BAD_ATTRIBUTE, "text is not UTF-8");
        }
    }

    static byte[] encode(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Checks a text value in a record constructor; throws IllegalArgumentException. */
    static void check(String what, String text, int maxBytes, boolean limitCharacters) {
        Objects.requireNonNull(text, what);
        if (!StandardCharsets.UTF_8.newEncoder().canEncode(text)) {
            throw new IllegalArgumentException(what + " has an unpaired surrogate");
        }
        int bytes = encode(text).length;
        if (bytes > maxBytes) {
            throw new IllegalArgumentException(what + " is " + bytes + " bytes, at most " + maxBytes);
        }
        if (limitCharacters && text.codePointCount(0, text.length()) > MAX_CHARACTERS) {
            throw new IllegalArgumentException(what + " has 128 characters or more");
        }
    }
}

package io.peerdial.node.media.ice;

import java.util.List;
import java.util.Objects;

/**
 * The ICE part of one side's SDP for one media stream (RFC 8839 §5): credentials, candidates, and
 * whether gathering is over ({@code a=end-of-candidates}, §5.5; always true for us: we do not trickle).
 *
 * @param options {@code ice-options} tokens (§5.6), e.g. "ice2"
 */
public record IceDescription(String ufrag, String pwd, List<IceCandidateAttribute> candidates,
                             boolean endOfCandidates, List<String> options) {

    public IceDescription {
        Objects.requireNonNull(ufrag);
        Objects.requireNonNull(pwd);
        candidates = List.copyOf(candidates);
        options = List.copyOf(options);
    }

    public IceDescription(String ufrag, String pwd, List<IceCandidateAttribute> candidates, boolean endOfCandidates) {
        this(ufrag, pwd, candidates, endOfCandidates, List.of());
    }
}

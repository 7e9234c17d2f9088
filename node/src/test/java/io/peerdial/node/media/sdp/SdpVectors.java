package io.peerdial.node.media.sdp;

/**
 * SDP bodies in the shape real user agents send them (written down from baresip 1.0, linphone 4.x
 * and sipp's uac scenario), used by the parser tests and as fuzz seeds.
 */
final class SdpVectors {
    private SdpVectors() {}

    static final String BARESIP = String.join("\r\n",
            "v=0",
            "o=- 1376531018 2081404640 IN IP4 127.0.0.1",
            "s=-",
            "c=IN IP4 127.0.0.1",
            "t=0 0",
            "m=audio 10310 RTP/AVP 0 8 96 101",
            "b=AS:64",
            "a=rtpmap:0 PCMU/8000",
            "a=rtpmap:8 PCMA/8000",
            "a=rtpmap:96 opus/48000/2",
            "a=fmtp:96 stereo=1;sprop-stereo=1",
            "a=rtpmap:101 telephone-event/8000",
            "a=fmtp:101 0-15",
            "a=sendrecv",
            "a=label:1",
            "a=ssrc:1513375211 cname:4f8ef0d6-2ae5-4c3c-9b1f-0bc0f0d1cfd8",
            "a=rtcp-rsize",
            "") ;

    static final String LINPHONE = String.join("\r\n",
            "v=0",
            "o=bob 3048 2245 IN IP4 192.168.1.20",
            "s=Talk",
            "c=IN IP4 192.168.1.20",
            "t=0 0",
            "a=rtcp-xr:rcvr-rtt=all:10000 stat-summary=loss,dup,jitt,TTL voip-metrics",
            "a=ice-ufrag:8b2c3e4d",
            "a=ice-pwd:0a1b2c3d4e5f60718293a4b5",
            "m=audio 7078 RTP/AVP 96 97 98 0 8 101 99 100",
            "a=rtpmap:96 opus/48000/2",
            "a=fmtp:96 useinbandfec=1",
            "a=rtpmap:97 speex/16000",
            "a=fmtp:97 vbr=on",
            "a=rtpmap:98 speex/8000",
            "a=fmtp:98 vbr=on",
            "a=rtpmap:101 telephone-event/48000",
            "a=rtpmap:99 telephone-event/16000",
            "a=rtpmap:100 telephone-event/8000",
            "a=rtcp:7079",
            "a=candidate:1 1 UDP 2130706431 192.168.1.20 7078 typ host",
            "a=candidate:1 2 UDP 2130706430 192.168.1.20 7079 typ host",
            "a=candidate:2 1 UDP 1694498815 203.0.113.7 41000 typ srflx raddr 192.168.1.20 rport 7078",
            "a=end-of-candidates",
            "a=rtcp-fb:* trr-int 1000",
            "") ;

    /** sipp's built-in uac scenario body (LF line ends, as in its XML), with the [media_*] keywords filled in. */
    static final String SIPP = String.join("\n",
            "v=0",
            "o=user1 53655765 2353687637 IN IP4 127.0.0.1",
            "s=-",
            "c=IN IP4 127.0.0.1",
            "t=0 0",
            "m=audio 6000 RTP/AVP 0",
            "a=rtpmap:0 PCMU/8000",
            "") ;

    /** A legacy (RFC 2543) hold re-INVITE: connection address 0.0.0.0, no direction attribute. */
    static final String LEGACY_HOLD = String.join("\r\n",
            "v=0",
            "o=- 1 2 IN IP4 10.0.0.1",
            "s=-",
            "c=IN IP4 0.0.0.0",
            "t=0 0",
            "m=audio 4000 RTP/AVP 8",
            "") ;
}

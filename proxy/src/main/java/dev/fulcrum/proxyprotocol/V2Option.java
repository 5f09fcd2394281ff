package dev.fulcrum.proxyprotocol;

/** The TLVs {@code proxy-v2-options} can add to a v2 header that Fulcrum sends. */
public enum V2Option {
    /** {@code PP2_TYPE_CRC32C}: a checksum of the whole header */
    CRC32C("crc32c"),
    /** {@code PP2_TYPE_AUTHORITY}: the authority the client's own PROXY header carried */
    AUTHORITY("authority"),
    /** {@code PP2_TYPE_UNIQUE_ID}: the request's unique id ({@code unique-id-format}) */
    UNIQUE_ID("unique-id");

    private final String keyword;

    V2Option(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }
}

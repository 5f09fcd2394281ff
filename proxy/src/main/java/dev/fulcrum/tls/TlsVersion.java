package dev.fulcrum.tls;

/** The protocol versions {@code ssl-min-ver}/{@code ssl-max-ver} name, oldest first, with the JDK's names. */
public enum TlsVersion {
    SSLV3("SSLv3", "SSLv3"),
    TLSV1_0("TLSv1.0", "TLSv1"),
    TLSV1_1("TLSv1.1", "TLSv1.1"),
    TLSV1_2("TLSv1.2", "TLSv1.2"),
    TLSV1_3("TLSv1.3", "TLSv1.3");

    private final String haproxyName;
    private final String jdkName;

    TlsVersion(String haproxyName, String jdkName) {
        this.haproxyName = haproxyName;
        this.jdkName = jdkName;
    }

    /** The version as a configuration writes it, or {@code null}. */
    public static TlsVersion of(String name) {
        for (TlsVersion v : values()) {
            if (v.haproxyName.equals(name)) {
                return v;
            }
        }
        return null;
    }

    public String jdkName() {
        return jdkName;
    }
}

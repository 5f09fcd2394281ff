package dev.fulcrum.server;

/**
 * What live traffic tells about a server ({@code observe layer4|layer7}): the
 * outcomes HAProxy's health analyzer counts, with its descriptions. With
 * {@code layer4} only connection outcomes count; with {@code layer7} connection
 * errors and HTTP outcomes do.
 */
public enum Observation {
    L4_ERR("L4 unsuccessful connection", 1, 1),
    L4_OK("L4 successful connection", 2, 0),
    HTTP_OK("Correct http response", 0, 2),
    HTTP_STS("Wrong http response", 0, 1),
    HTTP_HDRRSP("Invalid http response (headers)", 0, 1),
    HTTP_RSP("Invalid http response", 0, 1),
    HTTP_READ_ERROR("Read error (http)", 0, 1),
    HTTP_READ_TIMEOUT("Read timeout (http)", 0, 1),
    HTTP_BROKEN_PIPE("Close from server (http)", 0, 1);

    private final String description;
    /** Per layer (4, 7): 0 = ignored, 1 = an error, 2 = a success that resets the count. */
    private final int layer4;
    private final int layer7;

    Observation(String description, int layer4, int layer7) {
        this.description = description;
        this.layer4 = layer4;
        this.layer7 = layer7;
    }

    public String description() {
        return description;
    }

    /** 0 ignored, 1 error, 2 success, for {@code observe layer4} ({@code layer7 == false}) or {@code layer7}. */
    public int meaning(boolean layer7) {
        return layer7 ? this.layer7 : layer4;
    }

    /** The observation for an HTTP status: 5xx other than 501 and 505 are errors. */
    public static Observation ofStatus(int status) {
        return status >= 500 && status != 501 && status != 505 ? HTTP_STS : HTTP_OK;
    }
}

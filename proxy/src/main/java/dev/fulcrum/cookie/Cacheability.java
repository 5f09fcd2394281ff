package dev.fulcrum.cookie;

import dev.fulcrum.http.HttpHeaders;

/**
 * Whether a response may be stored by a shared cache, as HAProxy 2.6 judges it
 * before it adds {@code Cache-control: private} to a response that gets a
 * persistence cookie ({@code cookie ... nocache}): a GET or HEAD, a status that
 * caches hold by default, no {@code Pragma: no-cache}, no {@code private},
 * {@code no-cache}, {@code no-store} or zero lifetime, and some freshness
 * information ({@code max-age}, {@code s-maxage}, {@code Expires}) or a validator
 * ({@code ETag}, {@code Last-Modified}). Without either, HAProxy deems the
 * response not cacheable and adds nothing.
 */
final class Cacheability {

    private Cacheability() {
    }

    static boolean cacheable(String method, int status, HttpHeaders h) {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return false;
        }
        switch (status) {
            case 200, 203, 204, 206, 300, 301, 404, 405, 410, 414, 501 -> { }
            default -> {
                return false;
            }
        }
        boolean cacheable = true;
        boolean fresh = false;
        for (int i = 0; i < h.size(); i++) {
            String n = h.name(i);
            if (n.equalsIgnoreCase("pragma")) {
                for (String t : h.value(i).split(",")) {
                    if (t.trim().equalsIgnoreCase("no-cache")) {
                        return false;
                    }
                }
            } else if (n.equalsIgnoreCase("cache-control")) {
                for (String raw : h.value(i).split(",")) {
                    String t = raw.trim();
                    if (t.equalsIgnoreCase("public")) {
                        cacheable = true;
                    } else if (t.equalsIgnoreCase("private") || t.equalsIgnoreCase("no-cache")
                            || t.equalsIgnoreCase("no-store") || t.equalsIgnoreCase("max-age=0")
                            || t.equalsIgnoreCase("s-maxage=0")) {
                        cacheable = false;
                    } else if (startsWithIgnoreCase(t, "s-maxage") || startsWithIgnoreCase(t, "max-age")) {
                        fresh = true;
                    }
                }
            }
        }
        if (!cacheable) {
            return false;
        }
        return fresh || h.contains("expires") || h.contains("etag") || h.contains("last-modified");
    }

    private static boolean startsWithIgnoreCase(String s, String prefix) {
        return s.regionMatches(true, 0, prefix, 0, prefix.length());
    }
}

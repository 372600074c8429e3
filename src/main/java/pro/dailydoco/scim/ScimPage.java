package pro.dailydoco.scim;

/**
 * Index-based paging of a list (RFC 7644 §3.4.2.4): {@code startIndex} is 1-based and a value below 1 counts as 1;
 * {@code count} below 0 counts as 0, and above {@link #MAX_COUNT} as {@link #MAX_COUNT} (advertised as
 * filter.maxResults in /ServiceProviderConfig).
 */
record ScimPage(int startIndex, int count) {

    static final int MAX_COUNT = 200;
    static final int DEFAULT_COUNT = 100;

    static ScimPage of(String startIndex, String count) {
        int start = Math.max(1, (int) Math.min(Integer.MAX_VALUE, number(startIndex, "startIndex", 1)));
        long wanted = number(count, "count", DEFAULT_COUNT);
        return new ScimPage(start, (int) Math.max(0, Math.min(MAX_COUNT, wanted)));
    }

    int offset() {
        return startIndex - 1;
    }

    private static long number(String value, String name, long absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            if (value.trim().matches("-?\\d{19,}")) {
                return value.trim().startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
            }
            throw ScimException.invalidValue("'" + name + "' must be a whole number.");
        }
    }
}

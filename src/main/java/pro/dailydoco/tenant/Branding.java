package pro.dailydoco.tenant;

/** Colour rules that keep a tenant's branding readable (WCAG 2.1 contrast). */
public final class Branding {

    public static final String DEFAULT_PRIMARY = "#1f6feb";
    public static final String DEFAULT_ACCENT = "#8250df";

    private Branding() {
    }

    /** Black or white, whichever contrasts more with {@code hexColor} (#rrggbb). */
    public static String readableTextOn(String hexColor) {
        double background = relativeLuminance(hexColor);
        double withWhite = (1.0 + 0.05) / (background + 0.05);
        double withBlack = (background + 0.05) / 0.05;
        return withWhite >= withBlack ? "#ffffff" : "#000000";
    }

    static double relativeLuminance(String hexColor) {
        int rgb = Integer.parseInt(hexColor.substring(1), 16);
        return 0.2126 * channel((rgb >> 16) & 0xff) + 0.7152 * channel((rgb >> 8) & 0xff) + 0.0722 * channel(rgb & 0xff);
    }

    private static double channel(int value) {
        double c = value / 255.0;
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
}

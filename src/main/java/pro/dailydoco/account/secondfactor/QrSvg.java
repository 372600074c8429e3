package pro.dailydoco.account.secondfactor;

import io.nayuki.qrcodegen.QrCode;

/**
 * A QR code as inline SVG, drawn on the server from the library's module grid: no image service sees the key, and the
 * page's Content-Security-Policy needs nothing new. Dark modules on a white square with the 4-module quiet zone the
 * standard asks for, so phones scan it in dark mode too.
 */
final class QrSvg {

    private static final int BORDER = 4;

    private QrSvg() {
    }

    static String of(String text) {
        QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
        int size = qr.size + BORDER * 2;
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < qr.size; y++) {
            for (int x = 0; x < qr.size; x++) {
                if (qr.getModule(x, y)) {
                    path.append('M').append(x + BORDER).append(',').append(y + BORDER).append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size
                + "\" width=\"220\" height=\"220\" role=\"img\" aria-labelledby=\"qr-title\" shape-rendering=\"crispEdges\">"
                + "<title id=\"qr-title\">QR code of the set-up link for your authenticator app</title>"
                + "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/><path d=\"" + path + "\" fill=\"#000000\"/></svg>";
    }
}

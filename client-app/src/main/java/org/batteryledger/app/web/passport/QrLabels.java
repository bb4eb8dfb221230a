package org.batteryledger.app.web.passport;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * QR codes for passport labels, made with ZXing. Error correction M (15 %) survives the scuffs of
 * a battery yard while keeping a URL of ~60 characters at a scannable module size; the four-module
 * quiet zone is the QR standard's minimum (ISO/IEC 18004 §6.3.8).
 */
@Component
public class QrLabels {
    private static final Map<EncodeHintType, Object> HINTS = Map.of(
            EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
            EncodeHintType.CHARACTER_SET, "UTF-8",
            EncodeHintType.MARGIN, 4);

    /** The QR code's modules, quiet zone included, one pixel each. */
    public BitMatrix matrix(String text) {
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, HINTS);
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode a QR code for " + text.length() + " characters", e);
        }
    }

    /** A PNG of the QR code, {@code scale} pixels a module. */
    public byte[] png(String text, int scale) {
        BitMatrix small = matrix(text);
        BitMatrix big = new BitMatrix(small.getWidth() * scale, small.getHeight() * scale);
        for (int y = 0; y < small.getHeight(); y++) {
            for (int x = 0; x < small.getWidth(); x++) {
                if (small.get(x, y)) {
                    big.setRegion(x * scale, y * scale, scale, scale);
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            MatrixToImageWriter.writeToStream(big, "PNG", out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return out.toByteArray();
    }

    /**
     * An SVG of the QR code with the unit's code printed under it: one path of unit squares, so the
     * label prints sharp at any size. {@code caption} is escaped.
     */
    public String svg(String text, String caption) {
        BitMatrix m = matrix(text);
        int w = m.getWidth();
        int h = m.getHeight();
        int captionHeight = caption == null ? 0 : 4;
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (m.get(x, y)) {
                    path.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
                }
            }
        }
        StringBuilder svg = new StringBuilder()
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(w).append(' ')
                .append(h + captionHeight).append("\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"")
                .append(escape(caption == null ? text : caption)).append("\">")
                .append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>")
                .append("<path fill=\"#000\" d=\"").append(path).append("\"/>");
        if (caption != null) {
            svg.append("<text x=\"").append(w / 2.0).append("\" y=\"").append(h + 1.5)
                    .append("\" font-family=\"monospace\" font-size=\"2.2\" text-anchor=\"middle\">")
                    .append(escape(caption)).append("</text>");
        }
        return svg.append("</svg>").toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

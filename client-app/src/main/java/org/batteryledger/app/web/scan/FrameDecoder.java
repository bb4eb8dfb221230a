package org.batteryledger.app.web.scan;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.batteryledger.app.api.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Finds a QR or Data Matrix label in a camera frame with ZXing: the two symbologies battery labels
 * carry (GB/T 34014 allows either; the EU passport link is a QR code, EU 2023/1542 Art. 13(6)).
 */
@Component
class FrameDecoder {
    private static final Map<DecodeHintType, Object> HINTS = Map.of(
            DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE, BarcodeFormat.DATA_MATRIX),
            DecodeHintType.TRY_HARDER, Boolean.TRUE);

    record Decoded(String text, String format) {}

    Optional<Decoded> decode(byte[] image) {
        BufferedImage img;
        try {
            img = ImageIO.read(new ByteArrayInputStream(image));
        } catch (IOException e) {
            img = null;
        }
        if (img == null) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "INVALID_ARGUMENT",
                    "frame: must be a PNG or JPEG image");
        }
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(img)));
        try {
            Result r = new MultiFormatReader().decode(bitmap, HINTS);
            return Optional.of(new Decoded(r.getText(), r.getBarcodeFormat().name()));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }
}
